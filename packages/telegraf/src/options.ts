import { type AdapterOptions, ConfigError, MESSAGE_EVENT_TYPES, type MessageEventType } from '@bothooks/core';
import type { Context } from 'telegraf';

/** Options of `attachWebhooks` and `webhookMiddleware`. */
export interface TelegrafWebhooksOptions<TContext extends Context = Context>
  extends AdapterOptions<TContext> {
  /**
   * Report button presses (callback queries) as `message.received` with `message.action`
   * `{ kind: 'button', value: <callback data> }`.
   * @default true
   */
  callbackQueries?: boolean;
}

/** The options with their defaults applied. */
export interface ResolvedOptions<TContext extends Context> {
  events: readonly MessageEventType[] | undefined;
  includeText: boolean;
  attributes: ((context: TContext) => Record<string, unknown> | undefined) | undefined;
  callbackQueries: boolean;
}

const KNOWN_OPTIONS = ['events', 'includeText', 'attributes', 'callbackQueries'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEventType(value: unknown): value is MessageEventType {
  return MESSAGE_EVENT_TYPES.some((type) => type === value);
}

function booleanOption(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ConfigError(field, 'must be true or false');
  return value;
}

/** Validates the options at attach time, so a mistake fails at startup with the option's name, not later. */
export function resolveOptions<TContext extends Context>(options: unknown): ResolvedOptions<TContext> {
  if (options === undefined) {
    return { events: undefined, includeText: true, attributes: undefined, callbackQueries: true };
  }
  if (!isRecord(options)) throw new ConfigError('options', 'must be an object');
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new ConfigError(
        key,
        `is not an option of @bothooks/telegraf (known: ${KNOWN_OPTIONS.join(', ')})`,
      );
    }
  }
  let events: MessageEventType[] | undefined;
  if (options.events !== undefined) {
    if (!Array.isArray(options.events)) throw new ConfigError('events', 'must be an array of event types');
    events = options.events.map((type: unknown, index) => {
      if (!isEventType(type)) {
        throw new ConfigError(`events[${index}]`, `must be one of ${MESSAGE_EVENT_TYPES.join(', ')}`);
      }
      return type;
    });
  }
  if (options.attributes !== undefined && typeof options.attributes !== 'function') {
    throw new ConfigError('attributes', 'must be a function of the Telegraf context');
  }
  return {
    events,
    includeText: booleanOption(options.includeText, 'includeText', true),
    attributes: options.attributes as ResolvedOptions<TContext>['attributes'],
    callbackQueries: booleanOption(options.callbackQueries, 'callbackQueries', true),
  };
}
