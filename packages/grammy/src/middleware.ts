import type { Webhooks } from '@bothooks/core';
import { assertWebhooks } from '@bothooks/core/adapter';
import type { Context, MiddlewareFn } from 'grammy';
import { createGrammyHooks } from './hooks';
import { type GrammyWebhooksOptions, resolveOptions } from './options';

/**
 * The same reporting as `attachWebhooks`, as a plain grammY middleware, for bots composed from `Composer`s. It
 * only sees what runs after it — register it with the first `bot.use()` — and the calls made through `ctx` and
 * `ctx.api`; `bot.api.*` calls are not seen. Prefer `attachWebhooks` when you can. With `attachWebhooks` and the
 * same `Webhooks` on the same bot, each update is reported once (the middleware stands aside, with an
 * `ALREADY_ATTACHED` warning).
 *
 * @param hooks The `Webhooks` from `createWebhooks()` in `@bothooks/core`.
 * @param options Which events to send, whether to include text, and the attributes to add.
 * @returns A grammY middleware.
 * @throws {ConfigError} When `hooks` or an option is invalid.
 * @example
 * ```ts
 * bot.use(webhookMiddleware(hooks));
 * bot.command('start', (context) => context.reply('Welcome!'));
 * ```
 */
export function webhookMiddleware<TContext extends Context = Context>(
  hooks: Webhooks,
  options?: GrammyWebhooksOptions<TContext>,
): MiddlewareFn<TContext> {
  assertWebhooks(hooks);
  const resolved = resolveOptions<TContext>(options);
  const observer = createGrammyHooks<TContext>(hooks, resolved);
  return (context, next) => (observer ? observer.observeUpdate(context, next) : next());
}
