import type { Webhooks } from '@bothooks/core';
import { assertWebhooks } from '@bothooks/core/adapter';
import type { Middleware } from '@microsoft/agents-hosting';
import { createAgentsHooks } from './hooks';
import { type AgentsWebhooksOptions, resolveOptions } from './options';

/**
 * The bothooks observer as a plain Agents SDK `Middleware`, for agents that compose their own pipeline.
 * **Register it first** (`adapter.use(webhookMiddleware(hooks))` before any other `use`): a middleware that does
 * not call `next()` hides the rest of the turn from every middleware after it, and the typing indicators of
 * `AgentApplication`'s timer never pass through middleware. {@link attachWebhooks} has neither caveat. With
 * `attachWebhooks` and the same `Webhooks` on the same adapter, each turn is reported once (the middleware stands
 * aside, with an `ALREADY_ATTACHED` warning).
 *
 * @param hooks The `Webhooks` from `createWebhooks()`.
 * @param options What to publish; validated now, so a mistake throws a `ConfigError` naming the option.
 * @returns A `Middleware` that never delays the turn, never throws, and passes every result and error on unchanged.
 * @throws {ConfigError} When `hooks` or an option is invalid.
 *
 * @example
 * ```ts
 * const adapter = new CloudAdapter();
 * adapter.use(webhookMiddleware(hooks, { includeText: false }));
 * adapter.use(new TranscriptLoggerMiddleware(logger));
 * ```
 */
export function webhookMiddleware(hooks: Webhooks, options?: AgentsWebhooksOptions): Middleware {
  assertWebhooks(hooks);
  const observer = createAgentsHooks(hooks, resolveOptions(options));
  return {
    onTurn: (context, next) => {
      const turn = observer?.observeTurn(context);
      return turn && observer ? observer.attachment.runInTurn(turn, next) : next();
    },
  };
}
