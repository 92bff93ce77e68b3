import { ConfigError, type Webhooks } from '@bothooks/core';
import { assertWebhooks } from '@bothooks/core/adapter';
import type { Context, Telegraf } from 'telegraf';
import { createTelegrafHooks } from './hooks';
import { resolveOptions, type TelegrafWebhooksOptions } from './options';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function assertBot(bot: unknown): void {
  const telegram = isRecord(bot) ? bot.telegram : undefined;
  if (
    !isRecord(bot) ||
    typeof bot.middleware !== 'function' ||
    typeof bot.handleUpdate !== 'function' ||
    !isRecord(telegram) ||
    typeof telegram.callApi !== 'function'
  ) {
    throw new ConfigError('bot', 'must be a Telegraf instance (new Telegraf(token))');
  }
}

/**
 * Sends a webhook for every message a Telegraf bot receives or sends, from now on, whatever the order of its
 * middleware: updates handled by commands registered before this call are reported, and so is every Bot API
 * call that sends, edits or deletes a message — `ctx.reply*`, `ctx.telegram.*`, and `bot.telegram.*` inside or
 * outside updates (broadcasts, cron jobs). Nothing is awaited on the bot's path and nothing is thrown into it:
 * results and errors reach the bot exactly as before.
 *
 * Attaching the same `Webhooks` to the same bot again changes nothing (each message is still reported once) and
 * reports an `ALREADY_ATTACHED` warning through `hooks.on('error')`; its `detach()` does nothing.
 *
 * @param bot The Telegraf bot.
 * @param hooks The `Webhooks` from `createWebhooks()` in `@bothooks/core`.
 * @param options Which events to send, whether to include text, and the attributes to add.
 * @returns `detach()`, which restores the bot exactly as it was; calling it again does nothing.
 * @throws {ConfigError} When `bot`, `hooks` or an option is invalid.
 * @example
 * ```ts
 * const bot = new Telegraf(process.env.BOT_TOKEN);
 * const hooks = createWebhooks({ endpoints: [{ url: process.env.WEBHOOK_URL, secret: process.env.WEBHOOK_SECRET }] });
 * attachWebhooks(bot, hooks);
 * ```
 */
export function attachWebhooks<TContext extends Context>(
  bot: Telegraf<TContext>,
  hooks: Webhooks,
  options?: TelegrafWebhooksOptions<TContext>,
): () => void {
  assertBot(bot);
  assertWebhooks(hooks);
  const observer = createTelegrafHooks<TContext>(hooks, resolveOptions<TContext>(options), bot);
  if (!observer) return () => undefined;
  return () => observer.attachment.detach();
}
