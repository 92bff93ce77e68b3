import { ConfigError, type Webhooks } from '@bothooks/core';
import { assertWebhooks } from '@bothooks/core/adapter';
import type { App } from '@slack/bolt';
import { createSlackHooks } from './hooks';
import { resolveOptions, type SlackWebhooksOptions } from './options';

function assertApp(app: unknown): asserts app is App {
  const candidate = app as Partial<App> | null | undefined;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.processEvent !== 'function' ||
    typeof candidate.use !== 'function' ||
    typeof candidate.client?.apiCall !== 'function'
  ) {
    throw new ConfigError('app', 'must be a Bolt App (new App({ token, signingSecret }))');
  }
}

/**
 * Sends a webhook for every message a Bolt app receives or sends, from now on, whatever its receiver (HTTP,
 * Express, Socket Mode, Lambda, a custom one) and whatever the order of its middleware and listeners: messages
 * in channels, DMs and threads, their edits and deletes, mentions, slash commands, buttons, menus and modals in;
 * `say`, `client.chat.*` from listeners (whose clients are pooled per workspace), `respond()`, `ack(body)` of
 * slash commands, file shares and `app.client` calls outside listeners out. Nothing is awaited on the app's
 * path and nothing is thrown into it: results and errors reach the app exactly as before.
 *
 * Attaching the same `Webhooks` to the same app again changes nothing (each message is still reported once) and
 * reports an `ALREADY_ATTACHED` warning through `hooks.on('error')`; its `detach()` does nothing.
 *
 * @param app The Bolt `App`.
 * @param hooks The `Webhooks` from `createWebhooks()` in `@bothooks/core`.
 * @param options Which events to send, whether to include text, and the attributes to add.
 * @returns `detach()`, which gives the app back as it was; calling it again does nothing.
 * @throws {ConfigError} When `app`, `hooks` or an option is invalid.
 * @example
 * ```ts
 * const app = new App({ token: process.env.SLACK_BOT_TOKEN, signingSecret: process.env.SLACK_SIGNING_SECRET });
 * const hooks = createWebhooks({ endpoints: [{ url: process.env.WEBHOOK_URL, secret: process.env.WEBHOOK_SECRET }] });
 * attachWebhooks(app, hooks);
 * ```
 */
export function attachWebhooks(app: App, hooks: Webhooks, options?: SlackWebhooksOptions): () => void {
  assertApp(app);
  assertWebhooks(hooks);
  const observer = createSlackHooks(hooks, resolveOptions(options), app);
  if (!observer) return () => undefined;
  return () => observer.attachment.detach();
}
