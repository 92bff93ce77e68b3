import { ConfigError } from './errors';
import {
  createMessageEvent,
  MESSAGE_EVENT_TYPES,
  type MessageEvent,
  type MessageEventData,
  type MessageEventType,
} from './event';
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

/** {@link AdapterOptions} validated, with `includeText` resolved, plus the adapter's own boolean switches. */
export interface ResolvedAdapterOptions<TContext, TSwitches extends Record<string, boolean>> {
  shared: AdapterOptions<TContext> & { includeText: boolean };
  switches: { [TName in keyof TSwitches]: boolean };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates an adapter's options at attach time: the shared ones (`events`, `includeText`, `attributes`) and the
 * adapter's own boolean `switches` (given with their defaults). An unknown option name is refused too, so a typo
 * fails at startup instead of silently doing nothing.
 *
 * @throws {ConfigError} naming the first wrong option.
 */
export function resolveAdapterOptions<TContext, TSwitches extends Record<string, boolean>>(
  options: unknown,
  adapter: string,
  switches: TSwitches,
): ResolvedAdapterOptions<TContext, TSwitches> {
  if (options !== undefined && !isRecord(options)) throw new ConfigError('options', 'must be an object');
  const input = options ?? {};
  const known = ['events', 'includeText', 'attributes', ...Object.keys(switches)];
  for (const name of Object.keys(input)) {
    if (!known.includes(name))
      throw new ConfigError(name, `is not an option of ${adapter} (known: ${known.join(', ')})`);
  }
  const boolean = (name: string, fallback: boolean): boolean => {
    const value = input[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') throw new ConfigError(name, 'must be true or false');
    return value;
  };
  let events: MessageEventType[] | undefined;
  if (input.events !== undefined) {
    if (!Array.isArray(input.events)) throw new ConfigError('events', 'must be an array of event types');
    events = input.events.map((type: unknown, index: number) => {
      const known = MESSAGE_EVENT_TYPES.find((candidate) => candidate === type);
      if (known === undefined) {
        throw new ConfigError(`events[${index}]`, `must be one of ${MESSAGE_EVENT_TYPES.join(', ')}`);
      }
      return known;
    });
  }
  if (input.attributes !== undefined && typeof input.attributes !== 'function') {
    throw new ConfigError('attributes', 'must be a function of the framework context returning an object');
  }
  const attributes = input.attributes as AdapterOptions<TContext>['attributes'];
  const resolvedSwitches = Object.fromEntries(
    Object.entries(switches).map(([name, fallback]) => [name, boolean(name, fallback)]),
  ) as { [TName in keyof TSwitches]: boolean };
  return {
    shared: {
      ...(events !== undefined && { events }),
      includeText: boolean('includeText', true),
      ...(attributes !== undefined && { attributes }),
    },
    switches: resolvedSwitches,
  };
}

/** Checks that `hooks` is what `createWebhooks()` returns, so a wrong argument fails at attach time. */
export function assertWebhooks(hooks: unknown): asserts hooks is Webhooks {
  const candidate = hooks as Partial<Webhooks> | null | undefined;
  if (typeof candidate?.publish !== 'function' || typeof candidate.reportError !== 'function') {
    throw new ConfigError('hooks', 'must be the Webhooks instance createWebhooks() returns');
  }
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
  /** Reports an adapter fault (or, with `severity: 'warning'`, a degraded setup) through the `error` event. Never throws. */
  report(error: unknown, code?: string, severity?: 'error' | 'warning'): void;
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
  const report = (error: unknown, code = 'ADAPTER_ERROR', severity: 'error' | 'warning' = 'error'): void =>
    hooks.reportError(error, { source, code, severity });

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
    if (!includeText) {
      // What a person typed: the text, and the values of a slash command's options or a form's fields.
      const { text: _text, action, ...rest } = message;
      message = rest;
      if (action) {
        const { options: _typed, ...kept } = action;
        message.action = kept;
      }
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
