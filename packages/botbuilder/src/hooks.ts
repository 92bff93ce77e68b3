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
} from '@bothooks/platform-botframework';
import type {
  BotAdapter,
  DeleteActivityHandler,
  MiddlewareSet,
  SendActivitiesHandler,
  TurnContext,
  UpdateActivityHandler,
} from 'botbuilder';
import type { ResolvedOptions } from './options';

/** The name errors are reported under. */
export const ADAPTER_NAME = 'botbuilder';

type Run = MiddlewareSet['run'];
type Operation = keyof typeof OPERATION_EVENT_TYPES;

/** The framework hooks of one attachment. */
export interface BotbuilderHooks {
  readonly attachment: AdapterAttachment<TurnContext>;
  /**
   * Starts observing the turn of `context`: reports the inbound message at once and registers the turn's send,
   * update and delete handlers, which report each outbound message as soon as the channel accepted it. Nothing is
   * buffered until the end of the turn, so a turn that throws keeps every event that happened before the throw.
   * Returns the turn to run the rest of the pipeline in; `undefined` when the turn is observed already.
   */
  observeTurn(context: TurnContext): Turn<TurnContext> | undefined;
}

/** The adapter's own pipeline: `BotAdapter.middleware` is protected, but every turn runs through it. */
export function pipelineOf(adapter: unknown): MiddlewareSet | undefined {
  const pipeline = (adapter as { middleware?: Partial<MiddlewareSet> } | null | undefined)?.middleware;
  if (typeof pipeline?.run !== 'function' || typeof pipeline.use !== 'function') return undefined;
  return pipeline as MiddlewareSet;
}

/**
 * Opens an attachment of `hooks` (to `adapter`, or for middleware to no adapter) and returns its hooks;
 * `undefined` when these webhooks already observe the adapter (reported as `ALREADY_ATTACHED`).
 */
export function createBotbuilderHooks(
  hooks: Webhooks,
  options: ResolvedOptions,
  adapter?: BotAdapter,
): BotbuilderHooks | undefined {
  const attachment = createAdapterAttachment<TurnContext>({
    adapter: ADAPTER_NAME,
    hooks,
    options: options.shared,
    ...(adapter && { target: adapter }),
  });
  if (!attachment) return undefined;
  const { publisher } = attachment;
  const { includeTyping } = options.switches;

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

  const observeTurn = (context: TurnContext): Turn<TurnContext> | undefined => {
    const turn = attachment.beginTurn(context, undefined);
    if (!turn) return undefined;
    const root = context.activity;

    /** An activity the channel accepted (its own event) or refused (`message.failed`). */
    const report = (
      operation: Operation,
      activity: ActivityInput,
      outcome: CallOutcome<unknown>,
      sending: TurnContext,
    ): void => {
      if (outcome.ok)
        publish(OPERATION_EVENT_TYPES[operation], activity, 'outbound', { turn, context: sending });
      else {
        publish('message.failed', activity, 'outbound', {
          turn,
          context: sending,
          error: outcome.error,
          operation,
        });
      }
    };

    // Each handler returns `next()`'s own result or error: nothing of ours may come in between.
    const onSend: SendActivitiesHandler = async (sending, activities, next) =>
      attachment.observe(next, (outcome) => {
        activities.forEach((activity, index) => {
          if (!isReportedOutbound(activity, includeTyping)) return;
          const sent = outcome.ok ? sentActivity(activity, outcome.value?.[index], root) : activity;
          report('send', sent, outcome, sending);
        });
      });
    const onUpdate: UpdateActivityHandler = async (updating, activity, next) =>
      attachment.observe(next, (outcome) => report('edit', activity, outcome, updating));
    const onDelete: DeleteActivityHandler = async (deleting, reference, next) =>
      attachment.observe(next, (outcome) => report('delete', deletedActivity(reference), outcome, deleting));

    context.onSendActivities(onSend);
    context.onUpdateActivity(onUpdate);
    context.onDeleteActivity(onDelete);

    const type = root ? inboundEventType(root) : undefined;
    if (root && type) publish(type, root, 'inbound', { turn, context });
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
  if (pipeline) {
    // `adapter.use()` only appends, and botbuilder's send handlers only see sends made inside the middleware that
    // registered them (botbuilder-js#1509). Patching `run` of this adapter's own MiddlewareSet makes bothooks the
    // outermost layer of every turn — reactive, proactive and the context `onTurnError` gets — whenever other
    // middleware was added, without reordering the bot's pipeline or patching prototypes other adapters share.
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
  }

  return { attachment, observeTurn: safeObserveTurn };
}
