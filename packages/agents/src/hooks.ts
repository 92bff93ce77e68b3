import type { MessageEventType, Webhooks } from '@bothooks/core';
import {
  type AdapterAttachment,
  type CallOutcome,
  createAdapterAttachment,
  OPERATION_EVENT_TYPES,
  type Turn,
} from '@bothooks/core/adapter';
import {
  type ActivityInput,
  activityTimestamp,
  activityToMessageData,
  deletedActivity,
  failureFacts,
  inboundEventType,
  isReportedOutbound,
  sentActivity,
  snapshotActivity,
} from '@bothooks/platform-botframework';
import type {
  BaseAdapter,
  DeleteActivityHandler,
  MiddlewareSet,
  SendActivitiesHandler,
  TurnContext,
  UpdateActivityHandler,
} from '@microsoft/agents-hosting';
import type { ResolvedOptions } from './options';

/** The name errors are reported under. */
export const ADAPTER_NAME = 'agents';

type Run = MiddlewareSet['run'];
type SendActivities = BaseAdapter['sendActivities'];
type Operation = keyof typeof OPERATION_EVENT_TYPES;

/** The framework hooks of one attachment. */
export interface AgentsHooks {
  readonly attachment: AdapterAttachment<TurnContext>;
  /**
   * Starts observing the turn of `context`: reports the inbound message at once and registers the turn's send,
   * update and delete handlers, which report each outbound message as soon as the channel accepted it. Nothing is
   * buffered until the end of the turn, so a turn that throws keeps every event that happened before the throw.
   * Returns the turn to run the rest of the pipeline in; `undefined` when the turn is observed already.
   */
  observeTurn(context: TurnContext): Turn<TurnContext> | undefined;
}

/** The adapter's own pipeline: `BaseAdapter.middleware` is protected, but every turn runs through it. */
export function pipelineOf(adapter: unknown): MiddlewareSet | undefined {
  const pipeline = (adapter as { middleware?: Partial<MiddlewareSet> } | null | undefined)?.middleware;
  if (typeof pipeline?.run !== 'function' || typeof pipeline.use !== 'function') return undefined;
  return pipeline as MiddlewareSet;
}

/**
 * Opens an attachment of `hooks` (to `adapter`, or for middleware to no adapter) and returns its hooks;
 * `undefined` when these webhooks already observe the adapter (reported as `ALREADY_ATTACHED`).
 */
export function createAgentsHooks(
  hooks: Webhooks,
  options: ResolvedOptions,
  adapter?: BaseAdapter,
): AgentsHooks | undefined {
  const attachment = createAdapterAttachment<TurnContext>({
    adapter: ADAPTER_NAME,
    hooks,
    options: options.shared,
    ...(adapter && { target: adapter }),
  });
  if (!attachment) return undefined;
  const { publisher } = attachment;
  const { includeTyping } = options.switches;
  /** The turns observed, by the (revocable proxy of the) context the SDK hands to middleware and the agent. */
  const turns = new WeakMap<TurnContext, Turn<TurnContext>>();
  /** Activities the turn context's send handler saw: the adapter-level hook must not report them again. */
  const throughContext = new WeakSet<object>();

  const publish = (
    type: MessageEventType,
    activity: ActivityInput,
    direction: 'inbound' | 'outbound',
    details: { turn: Turn<TurnContext>; context: TurnContext; error?: unknown; operation?: Operation },
  ): void => {
    if (!publisher.wants(type)) return;
    const data = activityToMessageData(activity, { direction });
    const failed =
      details.operation !== undefined
        ? {
            error: attachment.describeFailure(details.operation, details.error, failureFacts(details.error)),
          }
        : {};
    publisher.publish(
      type,
      { ...data, ...failed },
      { turn: details.turn, context: details.context, timestamp: activityTimestamp(activity) },
    );
  };

  /** An activity the channel accepted (its own event) or refused (`message.failed`). */
  const report = (
    turn: Turn<TurnContext>,
    operation: Operation,
    activity: ActivityInput,
    outcome: CallOutcome<unknown>,
    context: TurnContext,
  ): void => {
    if (outcome.ok) publish(OPERATION_EVENT_TYPES[operation], activity, 'outbound', { turn, context });
    else publish('message.failed', activity, 'outbound', { turn, context, error: outcome.error, operation });
  };

  /** Each activity of a send, once the channel answered (the SDK fills in and changes them after the send). */
  const reportSends = (
    turn: Turn<TurnContext>,
    context: TurnContext,
    activities: readonly ActivityInput[],
    outcome: CallOutcome<readonly ({ id?: string | undefined } | undefined)[] | undefined>,
    root: ActivityInput | undefined,
  ): void => {
    activities.forEach((activity, index) => {
      if (!isReportedOutbound(activity, includeTyping)) return;
      const sent = outcome.ok ? sentActivity(activity, outcome.value?.[index], root) : activity;
      report(turn, 'send', sent, outcome, context);
    });
  };

  const observeTurn = (context: TurnContext): Turn<TurnContext> | undefined => {
    const turn = attachment.beginTurn(context, undefined);
    if (!turn) return undefined;
    turns.set(context, turn);
    // The context is a revocable proxy, dead once the turn ends; what the handlers need is read now.
    const root = snapshotActivity(context.activity);

    // Each handler returns `next()`'s own result or error: nothing of ours may come in between.
    const onSend: SendActivitiesHandler = async (sending, activities, next) => {
      for (const activity of activities) throughContext.add(activity);
      const before = activities.map((activity) => snapshotActivity(activity));
      return attachment.observe(next, (outcome) => reportSends(turn, sending, before, outcome, root));
    };
    const onUpdate: UpdateActivityHandler = async (updating, activity, next) => {
      const before = snapshotActivity(activity);
      return attachment.observe(next, (outcome) => report(turn, 'edit', before, outcome, updating));
    };
    const onDelete: DeleteActivityHandler = async (deleting, reference, next) => {
      const before = deletedActivity(reference);
      return attachment.observe(next, (outcome) => report(turn, 'delete', before, outcome, deleting));
    };

    context.onSendActivities(onSend);
    context.onUpdateActivity(onUpdate);
    context.onDeleteActivity(onDelete);

    const type = inboundEventType(root);
    if (type) publish(type, root, 'inbound', { turn, context });
    return turn;
  };

  const safeObserveTurn = (context: TurnContext): Turn<TurnContext> | undefined => {
    try {
      return observeTurn(context);
    } catch (error) {
      publisher.report(error, 'INBOUND_MAPPING_FAILED');
      return undefined;
    }
  };

  const pipeline = adapter && pipelineOf(adapter);
  if (adapter && pipeline) {
    // `adapter.use()` only appends, and a middleware that does not call `next()` would hide the turn from every
    // middleware after it. Patching `run` of this adapter's own MiddlewareSet makes bothooks the outermost layer of
    // every turn (from HTTP, `continueConversation`, `createConversationAsync`, long-running continuations), and
    // its handlers are registered before anyone else's, whatever was added to the pipeline and when.
    attachment.patch(
      pipeline,
      'run',
      (original: Run): Run =>
        function (this: MiddlewareSet, context: TurnContext, next: () => Promise<void>) {
          const turn = safeObserveTurn(context);
          return turn
            ? attachment.runInTurn(turn, () => original.call(this, context, next))
            : original.call(this, context, next);
        },
    );
    if (includeTyping) {
      // AgentApplication's typing timer sends through `context.adapter.sendActivities`, past the turn context's
      // handlers: only the adapter itself sees those.
      attachment.patch(
        adapter,
        'sendActivities',
        (original: SendActivities): SendActivities =>
          function (this: BaseAdapter, context: TurnContext, activities) {
            const typing = activities.filter(
              (activity) => activity.type === 'typing' && !throughContext.has(activity),
            );
            const turn = typing.length > 0 ? (turns.get(context) ?? attachment.currentTurn()) : undefined;
            if (!turn) return original.call(this, context, activities);
            const before = typing.map((activity) => snapshotActivity(activity));
            return attachment.observe(
              () => original.call(this, context, activities),
              (outcome) => {
                const answered = outcome.ok
                  ? {
                      ok: true as const,
                      value: typing.map((activity) => outcome.value[activities.indexOf(activity)]),
                    }
                  : outcome;
                reportSends(turn, context, before, answered, undefined);
              },
            );
          },
      );
    }
  }

  return { attachment, observeTurn: safeObserveTurn };
}
