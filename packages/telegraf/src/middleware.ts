import { assertWebhooks, type Webhooks } from '@bothooks/core';
import type { Context, MiddlewareFn } from 'telegraf';
import { createInstrumentation } from './instrument';
import { resolveOptions, type TelegrafWebhooksOptions } from './options';

/**
 * The same reporting as `attachWebhooks`, as a plain Telegraf middleware, for bots composed from several
 * `Composer`s. It only sees what runs after it — register it with the first `bot.use()` — and the calls made
 * through `ctx` and `ctx.telegram`; `bot.telegram.*` calls are not seen. Prefer `attachWebhooks` when you can.
 *
 * @param hooks The `Webhooks` from `createWebhooks()` in `@bothooks/core`.
 * @param options Which events to send, whether to include text, and the attributes to add.
 * @returns A Telegraf middleware.
 * @throws {ConfigError} When `hooks` or an option is invalid.
 * @example
 * ```ts
 * bot.use(webhookMiddleware(hooks));
 * bot.start((context) => context.reply('Welcome!'));
 * ```
 */
export function webhookMiddleware<TContext extends Context = Context>(
  hooks: Webhooks,
  options?: TelegrafWebhooksOptions<TContext>,
): MiddlewareFn<TContext> {
  assertWebhooks(hooks);
  const instrumentation = createInstrumentation<TContext>(hooks, resolveOptions<TContext>(options));
  return (context, next) => instrumentation.handleUpdate(context, next);
}
