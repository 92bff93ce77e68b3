import { type AdapterOptions, resolveAdapterOptions } from '@bothooks/core';
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

/** Validates the options, throwing a {@link ConfigError} that names the first wrong one. */
export function resolveOptions(options: unknown): ResolvedOptions {
  const { shared, switches } = resolveAdapterOptions<TurnContext, { includeTyping: boolean }>(
    options,
    '@bothooks/botbuilder',
    { includeTyping: false },
  );
  return { adapterOptions: shared, includeText: shared.includeText, includeTyping: switches.includeTyping };
}
