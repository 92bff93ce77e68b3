import { assertWebhooks, type Webhooks } from '@bothooks/core';
import type { Middleware } from 'botbuilder';
import { type BotbuilderWebhooksOptions, resolveOptions } from './options';
import { createTurnObserver } from './turn-observer';

/**
 * The bothooks observer as a plain botbuilder `Middleware`, for bots that compose their own pipeline.
 * **Register it first** (`adapter.use(webhookMiddleware(hooks))` before any other `use`): botbuilder only lets
 * middleware see the sends of the middleware and handlers that run inside it, so anything registered earlier,
 * and everything it sends, stays invisible. {@link attachWebhooks} has no such caveat.
 *
 * @param hooks The `Webhooks` from `createWebhooks()`.
 * @param options What to publish; validated now, so a mistake throws a `ConfigError` naming the option.
 * @returns A `Middleware` that never delays the turn, never throws, and passes every result and error on unchanged.
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
  const observe = createTurnObserver(hooks, resolveOptions(options), () => true);
  return {
    onTurn: (context, next) => {
      observe(context);
      return next();
    },
  };
}
