import { type AdapterOptions, ConfigError, MESSAGE_EVENT_TYPES, type Webhooks } from '@bothooks/core';
import type { TurnContext } from 'botbuilder';

/** Options of `attachWebhooks` and `webhookMiddleware`. */
export interface BotbuilderWebhooksOptions extends AdapterOptions<TurnContext> {
  /**
   * Report the typing indicators the bot sends as `message.sent` events whose `message.action.kind` is
   * `'typing'`. Off because bots send them often and they carry no content.
   * @default false
   */
  includeTyping?: boolean;
}

/** The options with their defaults applied. */
export interface ResolvedOptions {
  adapterOptions: AdapterOptions<TurnContext>;
  includeText: boolean;
  includeTyping: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalBoolean(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ConfigError(field, 'must be true or false');
  return value;
}

/** Checks that `hooks` is what `createWebhooks()` returns, so a wrong argument fails at attach time. */
export function assertWebhooks(hooks: unknown): asserts hooks is Webhooks {
  const candidate = hooks as Partial<Webhooks> | null | undefined;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.publish !== 'function' ||
    typeof candidate.reportError !== 'function'
  ) {
    throw new ConfigError('hooks', 'must be the Webhooks instance createWebhooks() returns');
  }
}

/** Validates the options, throwing a {@link ConfigError} that names the first wrong one. */
export function resolveOptions(options: unknown): ResolvedOptions {
  if (options !== undefined && !isRecord(options)) throw new ConfigError('options', 'must be an object');
  const input: Record<string, unknown> = options ?? {};
  let events: AdapterOptions<TurnContext>['events'];
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
  const includeText = optionalBoolean(input.includeText, 'includeText', true);
  const includeTyping = optionalBoolean(input.includeTyping, 'includeTyping', false);
  if (input.attributes !== undefined && typeof input.attributes !== 'function') {
    throw new ConfigError('attributes', 'must be a function (context) => attributes');
  }
  const attributes = input.attributes as AdapterOptions<TurnContext>['attributes'];
  return {
    adapterOptions: {
      ...(events !== undefined && { events }),
      includeText,
      ...(attributes !== undefined && { attributes }),
    },
    includeText,
    includeTyping,
  };
}
