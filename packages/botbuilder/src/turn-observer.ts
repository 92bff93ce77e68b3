import {
  type AdapterPublisher,
  createAdapterPublisher,
  createTurn,
  type MessageEventData,
  type MessageEventType,
  type TurnRecord,
  type Webhooks,
} from '@bothooks/core';
import type {
  DeleteActivityHandler,
  ResourceResponse,
  SendActivitiesHandler,
  TurnContext,
  UpdateActivityHandler,
} from 'botbuilder';
import {
  type ActivityInput,
  activityTimestamp,
  activityToMessageData,
  deletedActivity,
  inboundEventType,
  isReportedOutbound,
  isSyntheticActivity,
} from './map-activity';
import type { ResolvedOptions } from './options';
import { claimTurn } from './turn-registry';

const SOURCE = 'botbuilder';
/** Error messages from a channel can be long (HTML error pages); an event needs the gist. */
const ERROR_MESSAGE_LENGTH = 500;

/** Starts observing one turn. Never throws. */
export type TurnObserver = (context: TurnContext) => void;

type Operation = NonNullable<MessageEventData['error']>['operation'];

function describeError(error: unknown, operation: Operation): NonNullable<MessageEventData['error']> {
  const details = (typeof error === 'object' && error !== null ? error : {}) as {
    message?: unknown;
    code?: unknown;
    statusCode?: unknown;
    status?: unknown;
  };
  const message = typeof details.message === 'string' ? details.message : String(error);
  const status = typeof details.statusCode === 'number' ? details.statusCode : details.status;
  return {
    operation,
    message: message.slice(0, ERROR_MESSAGE_LENGTH),
    ...(typeof details.code === 'string' && { code: details.code }),
    ...(typeof status === 'number' && { status }),
  };
}

/**
 * Creates what `attachWebhooks` and `webhookMiddleware` run at the start of every turn: it reports the inbound
 * message at once and registers the turn's send, update and delete handlers, which report each outbound
 * message as soon as the channel accepted it. Nothing is buffered until the end of the turn, so a turn that
 * throws keeps every event that happened before the throw.
 */
export function createTurnObserver(
  hooks: Webhooks,
  options: ResolvedOptions,
  isActive: () => boolean,
): TurnObserver {
  const publisher: AdapterPublisher<TurnContext> = createAdapterPublisher(hooks, options.shared, SOURCE);
  const includeContent = options.shared.includeText;

  const publish = (
    type: MessageEventType,
    activity: ActivityInput,
    direction: 'inbound' | 'outbound',
    details: { turn: TurnRecord; context: TurnContext; error?: unknown; operation?: Operation },
  ): void => {
    if (!isActive() || !publisher.wants(type)) return;
    try {
      const data = activityToMessageData(activity, { direction, includeContent });
      publisher.publish(
        type,
        details.error === undefined
          ? data
          : { ...data, error: describeError(details.error, details.operation) },
        {
          turn: details.turn,
          context: details.context,
          timestamp: activityTimestamp(activity),
        },
      );
    } catch (error) {
      publisher.report(error);
    }
  };

  // The framework's own result and error must come out unchanged, so nothing of ours may throw in between.
  const safely = (work: () => void): void => {
    try {
      work();
    } catch (error) {
      publisher.report(error);
    }
  };

  return (context) => {
    try {
      const turn = createTurn();
      if (!claimTurn(context, hooks, { turn, publisher })) return;
      const root = context.activity;
      const proactive = isSyntheticActivity(root);

      const onSend: SendActivitiesHandler = async (sending, activities, next) => {
        if (!isActive()) return next();
        let responses: ResourceResponse[];
        try {
          responses = await next();
        } catch (error) {
          safely(() => {
            for (const activity of activities) {
              if (!isReportedOutbound(activity, options.switches.includeTyping)) continue;
              publish('message.failed', activity, 'outbound', {
                turn,
                context: sending,
                error,
                operation: 'send',
              });
            }
          });
          throw error;
        }
        safely(() => {
          activities.forEach((activity, index) => {
            if (!isReportedOutbound(activity, options.switches.includeTyping)) return;
            const id = responses?.[index]?.id || activity.id;
            // A proactive turn replies to its synthetic event, whose id no one else ever saw.
            const replyToId = proactive && activity.replyToId === root?.id ? undefined : activity.replyToId;
            publish('message.sent', { ...activity, id, replyToId }, 'outbound', { turn, context: sending });
          });
        });
        return responses;
      };

      const onUpdate: UpdateActivityHandler = async (updating, activity, next) => {
        if (!isActive()) return next();
        let result: Awaited<ReturnType<typeof next>>;
        try {
          result = await next();
        } catch (error) {
          safely(() =>
            publish('message.failed', activity, 'outbound', {
              turn,
              context: updating,
              error,
              operation: 'edit',
            }),
          );
          throw error;
        }
        safely(() => publish('message.edited', activity, 'outbound', { turn, context: updating }));
        return result;
      };

      const onDelete: DeleteActivityHandler = async (deleting, reference, next) => {
        if (!isActive()) return next();
        try {
          await next();
        } catch (error) {
          safely(() =>
            publish('message.failed', deletedActivity(reference), 'outbound', {
              turn,
              context: deleting,
              error,
              operation: 'delete',
            }),
          );
          throw error;
        }
        safely(() =>
          publish('message.deleted', deletedActivity(reference), 'outbound', { turn, context: deleting }),
        );
      };

      context.onSendActivities(onSend);
      context.onUpdateActivity(onUpdate);
      context.onDeleteActivity(onDelete);

      const type = root ? inboundEventType(root) : undefined;
      if (root && type) publish(type, root, 'inbound', { turn, context });
    } catch (error) {
      publisher.report(error);
    }
  };
}
