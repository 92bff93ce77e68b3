import { assertWebhooks, ConfigError, type Webhooks } from '@bothooks/core';
import type { Context, Telegraf } from 'telegraf';
import { botAccount, createInstrumentation } from './instrument';
import { resolveOptions, type TelegrafWebhooksOptions } from './options';

// Which `Webhooks` are attached to which bot, so attaching the same pair twice (doubling every event) fails fast.
const attachments = new WeakMap<object, Set<Webhooks>>();

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
 * @param bot The Telegraf bot.
 * @param hooks The `Webhooks` from `createWebhooks()` in `@bothooks/core`.
 * @param options Which events to send, whether to include text, and the attributes to add.
 * @returns `detach()`, which restores the bot exactly as it was; calling it again does nothing.
 * @throws {ConfigError} When `bot`, `hooks` or an option is invalid, or these hooks are already attached to this bot.
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
  const resolved = resolveOptions<TContext>(options);
  const attached = attachments.get(bot) ?? new Set<Webhooks>();
  if (attached.has(hooks)) {
    throw new ConfigError(
      'hooks',
      'are already attached to this bot; call detach() before attaching them again',
    );
  }
  const instrumentation = createInstrumentation<TContext>(hooks, resolved);

  // `handleUpdate` asks for `this.middleware()` on every update, for polling and webhooks alike: an own property
  // puts the instrumentation in front of every handler, including those registered before this call.
  const hadOwnMiddleware = Object.hasOwn(bot, 'middleware');
  const originalMiddleware = bot.middleware;
  const middleware: Telegraf<TContext>['middleware'] = function (this: Telegraf<TContext>) {
    const chain = originalMiddleware.call(this);
    return (context, next) =>
      instrumentation.handleUpdate(context, () =>
        Promise.resolve(chain(context, next)).then(() => undefined),
      );
  };
  bot.middleware = middleware;

  // Each update gets its own `Telegram` client (watched by the instrumentation); this one serves the calls made
  // outside updates, and `bot.telegram.*` calls made while handling one.
  const unwatch = instrumentation.watchClient(bot.telegram, () =>
    botAccount(bot.botInfo, bot.telegram.token),
  );
  attached.add(hooks);
  attachments.set(bot, attached);

  let detached = false;
  return () => {
    if (detached) return;
    detached = true;
    instrumentation.stop();
    unwatch();
    attached.delete(hooks);
    if (bot.middleware !== middleware) return;
    if (hadOwnMiddleware) bot.middleware = originalMiddleware;
    else Reflect.deleteProperty(bot, 'middleware');
  };
}
