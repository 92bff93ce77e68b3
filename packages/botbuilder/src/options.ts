import {
  type AdapterOptions,
  type ResolvedAdapterOptions,
  resolveAdapterOptions,
} from '@bothooks/core/adapter';
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
export type ResolvedOptions = ResolvedAdapterOptions<TurnContext, { includeTyping: boolean }>;

/** Validates the options, throwing a {@link ConfigError} that names the first wrong one. */
export function resolveOptions(options: unknown): ResolvedOptions {
  return resolveAdapterOptions(options, '@bothooks/botbuilder', { includeTyping: false });
}
