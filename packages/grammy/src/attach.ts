import { ConfigError, type Webhooks } from '@bothooks/core';
import { assertWebhooks } from '@bothooks/core/adapter';
import type { Bot, Context } from 'grammy';
import { createGrammyHooks } from './hooks';
import { type GrammyWebhooksOptions, resolveOptions } from './options';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function assertBot(bot: unknown): void {
  const api = isRecord(bot) ? bot.api : undefined;
  const config = isRecord(api) ? api.config : undefined;
  if (
    !isRecord(bot) ||
    typeof bot.middleware !== 'function' ||
    typeof bot.handleUpdate !== 'function' ||
    !isRecord(config) ||
    typeof config.use !== 'function'
  ) {
    throw new ConfigError('bot', 'must be a grammY Bot instance (new Bot(token))');
  }
}

/**
 * Sends a webhook for every message a grammY bot receives or sends, from now on, whatever the order of its
 * middleware and however updates arrive (`bot.start()`, `webhookCallback`, `@grammyjs/runner`): updates handled
 * by middleware registered before this call are reported, and so is every Bot API call that sends, edits or
 * deletes a message — `ctx.reply*`, `ctx.api.*`, and `bot.api.*` inside or outside updates (broadcasts, cron
 * jobs) — as one logical call even behind `@grammyjs/auto-retry`. Nothing is awaited on the bot's path and nothing
 * is thrown into it: results and errors reach the bot exactly as before.
 *
 * Attaching the same `Webhooks` to the same bot again changes nothing (each message is still reported once) and
 * reports an `ALREADY_ATTACHED` warning through `hooks.on('error')`; its `detach()` does nothing.
 *
 * @param bot The grammY bot.
 * @param hooks The `Webhooks` from `createWebhooks()` in `@bothooks/core`.
 * @param options Which events to send, whether to include text, and the attributes to add.
 * @returns `detach()`, which stops reporting and gives the bot back its own `middleware` and `api.config.use`;
 *   calling it again does nothing.
 * @throws {ConfigError} When `bot`, `hooks` or an option is invalid.
 * @example
 * ```ts
 * const bot = new Bot(process.env.BOT_TOKEN);
 * const hooks = createWebhooks({ endpoints: [{ url: process.env.WEBHOOK_URL, secret: process.env.WEBHOOK_SECRET }] });
 * attachWebhooks(bot, hooks);
 * ```
 */
export function attachWebhooks<TContext extends Context>(
  bot: Bot<TContext>,
  hooks: Webhooks,
  options?: GrammyWebhooksOptions<TContext>,
): () => void {
  assertBot(bot);
  assertWebhooks(hooks);
  const observer = createGrammyHooks<TContext>(hooks, resolveOptions<TContext>(options), bot);
  if (!observer) return () => undefined;
  return () => observer.attachment.detach();
}
