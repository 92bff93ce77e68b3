import type { Webhooks } from '@bothooks/core';
import { assertWebhooks } from '@bothooks/core/adapter';
import type { Middleware } from 'botbuilder';
import { createBotbuilderHooks } from './hooks';
import { type BotbuilderWebhooksOptions, resolveOptions } from './options';

/**
 * The bothooks observer as a plain botbuilder `Middleware`, for bots that compose their own pipeline.
 * **Register it first** (`adapter.use(webhookMiddleware(hooks))` before any other `use`): botbuilder only lets
 * middleware see the sends of the middleware and handlers that run inside it, so anything registered earlier,
 * and everything it sends, stays invisible. {@link attachWebhooks} has no such caveat. With `attachWebhooks` and
 * the same `Webhooks` on the same adapter, each turn is reported once (the middleware stands aside, with an
 * `ALREADY_ATTACHED` warning).
 *
 * @param hooks The `Webhooks` from `createWebhooks()`.
 * @param options What to publish; validated now, so a mistake throws a `ConfigError` naming the option.
 * @returns A `Middleware` that never delays the turn, never throws, and passes every result and error on unchanged.
 * @throws {ConfigError} When `hooks` or an option is invalid.
 *
 * @example
 * ```ts
 * const adapter = new CloudAdapter(auth);
 * adapter.use(webhookMiddleware(hooks, { includeText: false }));
 * adapter.use(new ShowTypingMiddleware());
 * ```
 */
export function webhookMiddleware(hooks: Webhooks, options?: BotbuilderWebhooksOptions): Middleware {
  assertWebhooks(hooks);
  const observer = createBotbuilderHooks(hooks, resolveOptions(options));
  return {
    onTurn: (context, next) => {
      const turn = observer?.observeTurn(context);
      return turn && observer ? observer.attachment.runInTurn(turn, next) : next();
    },
  };
}
