import { ConfigError, type Webhooks } from '@bothooks/core';
import { assertWebhooks } from '@bothooks/core/adapter';
import type { BotAdapter } from 'botbuilder';
import { createBotbuilderHooks, pipelineOf } from './hooks';
import { type BotbuilderWebhooksOptions, resolveOptions } from './options';

/**
 * Publishes a webhook for every message the bot receives and sends through `adapter`: inbound `message`,
 * `messageUpdate` and `messageDelete` activities, and every message sent, updated or deleted during a turn —
 * replies, dialog prompts, the `onTurnError` apology and proactive `continueConversationAsync` sends — with
 * the ids the channel returned. Whatever order middleware was or will be registered in.
 *
 * The bot is never slowed or broken: events are queued synchronously, delivered in the background, every
 * return value (such as `sendActivity()`'s `ResourceResponse`) and every error (on its way to `onTurnError`)
 * passes through unchanged. Attaching the same `Webhooks` to the same adapter again changes nothing (each message
 * is still reported once) and reports an `ALREADY_ATTACHED` warning through `hooks.on('error')`.
 *
 * @param adapter The bot's adapter (`CloudAdapter`, `TestAdapter`, any `BotAdapter`).
 * @param hooks The `Webhooks` from `createWebhooks()`.
 * @param options What to publish; validated now, so a mistake throws a `ConfigError` naming the option.
 * @returns `detach()`: stops publishing and gives the adapter back as it was. Calling it again does nothing.
 * @throws {ConfigError} When `adapter`, `hooks` or an option is invalid.
 *
 * @example
 * ```ts
 * const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(process.env));
 * const hooks = createWebhooks({
 *   endpoints: [{ url: 'https://crm.example.com/bot-events', secret: process.env.WEBHOOK_SECRET }],
 * });
 * attachWebhooks(adapter, hooks);
 * ```
 */
export function attachWebhooks(
  adapter: BotAdapter,
  hooks: Webhooks,
  options?: BotbuilderWebhooksOptions,
): () => void {
  if (!pipelineOf(adapter)) {
    throw new ConfigError(
      'adapter',
      'must be a botbuilder BotAdapter (CloudAdapter, TestAdapter, ...) with its middleware pipeline',
    );
  }
  assertWebhooks(hooks);
  const observer = createBotbuilderHooks(hooks, resolveOptions(options), adapter);
  if (!observer) return () => undefined;
  return () => observer.attachment.detach();
}
