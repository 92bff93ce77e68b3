import {
  type AdapterOptions,
  type ResolvedAdapterOptions,
  resolveAdapterOptions,
} from '@bothooks/core/adapter';
import type { AnyMiddlewareArgs } from '@slack/bolt';

/**
 * What `attributes` receives: the body Slack delivered (the `body` of Bolt's listener arguments: an Events API
 * envelope, a slash command's fields, an interaction payload). Everything the bot sends while handling it gets
 * the same body; what it sends outside any listener gets none, so it carries no attributes.
 */
export type SlackContext = AnyMiddlewareArgs['body'];

/** Options of `attachWebhooks` and `webhookMiddleware`. */
export interface SlackWebhooksOptions extends AdapterOptions<SlackContext> {}

/** The options with their defaults applied. */
export type ResolvedOptions = ResolvedAdapterOptions<SlackContext, Record<never, boolean>>;

/** Validates the options at attach time, so a mistake fails at startup with the option's name, not later. */
export function resolveOptions(options: unknown): ResolvedOptions {
  return resolveAdapterOptions(options, '@bothooks/slack', {});
}
