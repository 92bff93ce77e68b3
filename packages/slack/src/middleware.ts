import type { Webhooks } from '@bothooks/core';
import { assertWebhooks } from '@bothooks/core/adapter';
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { createSlackHooks } from './hooks';
import { resolveOptions, type SlackWebhooksOptions } from './options';

/**
 * The same reporting as `attachWebhooks`, as a plain Bolt global middleware (`app.use`), for apps composed
 * where the `App` is out of reach. It sees what Bolt hands to middleware after its built-in ones: deliveries
 * that passed authorization and `ignoreSelf`, and the calls made through the `client` and `say` of listeners.
 * `respond()`, `ack(body)` and `app.client` calls outside listeners are not seen. Prefer `attachWebhooks` when
 * you can. With `attachWebhooks` and the same `Webhooks` on the same app, each delivery is reported once (the
 * middleware stands aside, with an `ALREADY_ATTACHED` warning).
 *
 * @param hooks The `Webhooks` from `createWebhooks()` in `@bothooks/core`.
 * @param options Which events to send, whether to include text, and the attributes to add.
 * @returns A Bolt global middleware.
 * @throws {ConfigError} When `hooks` or an option is invalid.
 * @example
 * ```ts
 * app.use(webhookMiddleware(hooks));
 * app.message('hello', ({ say }) => say('Hi!'));
 * ```
 */
export function webhookMiddleware(
  hooks: Webhooks,
  options?: SlackWebhooksOptions,
): Middleware<AnyMiddlewareArgs> {
  assertWebhooks(hooks);
  const observer = createSlackHooks(hooks, resolveOptions(options));
  return (args) => (observer ? observer.observeMiddleware(args) : args.next());
}
