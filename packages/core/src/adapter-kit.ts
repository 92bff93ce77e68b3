import { createMessageEvent, type MessageEvent, type MessageEventData, type MessageEventType } from './event';
import type { Webhooks } from './webhooks';

/** The options every adapter accepts. `TContext` is the framework's own turn context. */
export interface AdapterOptions<TContext> {
  /**
   * The event types to publish. `message.failed` (outbound calls the platform refused) is opt-in.
   * @default ['message.received', 'message.sent', 'message.edited', 'message.deleted']
   */
  events?: readonly MessageEventType[];
  /**
   * Include message text and captions. Turn it off to keep message content out of webhooks;
   * ids, attachments' descriptors and metadata are still sent.
   * @default true
   */
  includeText?: boolean;
  /**
   * User attributes to include in each event (`data.attributes`), from the framework's context.
   * Called synchronously for every event; a function that throws is reported through `error`, never thrown.
   * @default undefined
   */
  attributes?: (context: TContext) => Record<string, unknown> | undefined;
}

/** What an adapter remembers of one turn (one update, one activity): its inbound event and its tag. */
export interface TurnRecord {
  inbound: MessageEvent | undefined;
  interaction: string | undefined;
}

/** Creates the record of a new turn. */
export function createTurn(): TurnRecord {
  return { inbound: undefined, interaction: undefined };
}

const DEFAULT_EVENTS: readonly MessageEventType[] = [
  'message.received',
  'message.sent',
  'message.edited',
  'message.deleted',
];

/** The part of every adapter that turns mapped messages into published events. */
export interface AdapterPublisher<TContext> {
  /** Whether `type` is among the configured events: check it before doing any mapping work. */
  wants(type: MessageEventType): boolean;
  /**
   * Publishes a message event with the adapter's options applied (text, attributes, the turn's interaction).
   * Never throws. An inbound `message.received` becomes the turn's inbound message.
   */
  publish(
    type: MessageEventType,
    data: MessageEventData,
    details?: {
      turn?: TurnRecord | undefined;
      context?: TContext | undefined;
      timestamp?: Date | string | number;
    },
  ): void;
  /**
   * Tags a turn with an interaction: its inbound message goes at once to the endpoints scoped to that
   * interaction, and every later event of the turn carries the tag. Never throws.
   */
  tag(turn: TurnRecord, interaction: string, context?: TContext): void;
  /** Reports an adapter fault through the `error` event. Never throws. */
  report(error: unknown, code?: string): void;
}

/**
 * Shared by the adapters: applies {@link AdapterOptions} and the per-interaction rules to every event,
 * and makes sure nothing an adapter does on the bot's path can throw.
 */
export function createAdapterPublisher<TContext>(
  hooks: Webhooks,
  options: AdapterOptions<TContext>,
  source: string,
): AdapterPublisher<TContext> {
  const events = new Set(options.events ?? DEFAULT_EVENTS);
  const includeText = options.includeText ?? true;
  const report = (error: unknown, code = 'ADAPTER_ERROR'): void => hooks.reportError(error, { source, code });

  const attributesOf = (context: TContext | undefined): Record<string, unknown> | undefined => {
    if (!options.attributes || context === undefined) return undefined;
    try {
      const attributes = options.attributes(context);
      return attributes && typeof attributes === 'object' ? attributes : undefined;
    } catch (error) {
      report(error, 'ATTRIBUTES_FAILED');
      return undefined;
    }
  };

  const finish = (data: MessageEventData, turn: TurnRecord | undefined, context: TContext | undefined) => {
    let message = data.message;
    if (!includeText && message.text !== undefined) {
      const { text: _omitted, ...rest } = message;
      message = rest;
    }
    const attributes = attributesOf(context);
    const interaction = turn?.interaction ?? data.interaction;
    return {
      ...data,
      message,
      ...(interaction !== undefined && { interaction }),
      ...(attributes !== undefined && { attributes }),
    };
  };

  return {
    wants: (type) => events.has(type),
    publish: (type, data, details = {}) => {
      try {
        const event = createMessageEvent(
          type,
          finish(data, details.turn, details.context),
          details.timestamp,
        );
        if (type === 'message.received' && details.turn) details.turn.inbound = event;
        if (events.has(type)) hooks.publish(event);
      } catch (error) {
        report(error);
      }
    },
    tag: (turn, interaction, context) => {
      try {
        if (typeof interaction !== 'string' || interaction === '') {
          report(new TypeError('an interaction name must be a non-empty string'), 'INVALID_INTERACTION');
          return;
        }
        if (turn.interaction === interaction) return;
        turn.interaction = interaction;
        const inbound = turn.inbound;
        if (!inbound || !events.has('message.received')) return;
        const attributes = attributesOf(context) ?? inbound.data.attributes;
        const tagged: MessageEvent = {
          ...inbound,
          data: { ...inbound.data, interaction, ...(attributes !== undefined && { attributes }) },
        };
        hooks.publish(tagged, { target: 'interaction' });
      } catch (error) {
        report(error);
      }
    },
    report,
  };
}
