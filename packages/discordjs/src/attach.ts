import { ConfigError, type Webhooks } from '@bothooks/core';
import { assertWebhooks } from '@bothooks/core/adapter';
import type { Client } from 'discord.js';
import { hookClient } from './hooks';
import { type DiscordjsWebhooksOptions, resolveOptions } from './options';

function assertClient(client: unknown): asserts client is Client {
  const candidate = client as Partial<Client> | null | undefined;
  if (
    typeof candidate?.emit !== 'function' ||
    typeof candidate.rest?.request !== 'function' ||
    typeof candidate.options?.intents?.bitfield !== 'number'
  ) {
    throw new ConfigError('client', 'must be a discord.js Client');
  }
}

/**
 * Makes a discord.js client publish a webhook event for every message it receives and sends:
 * `messageCreate`, `interactionCreate`, edits and deletes in; every REST call that creates, edits or deletes a
 * message out (`channel.send`, `message.reply`, `message.edit`, `message.delete`, `bulkDelete`, interaction
 * replies, follow-ups and edits, webhook messages), each once, with the id Discord gave it.
 *
 * Order does not matter: call it before or after `login()` and before or after registering listeners.
 * Nothing waits for delivery, nothing thrown here reaches the bot, and every REST result or error reaches the
 * bot unchanged. Attaching the same `Webhooks` to the same client again changes nothing (each message is still
 * reported once) and reports an `ALREADY_ATTACHED` warning through `hooks.on('error')`; its `detach()` does
 * nothing.
 *
 * @param client The discord.js `Client`.
 * @param hooks The `Webhooks` from `createWebhooks()` in `@bothooks/core`.
 * @param options Which events to send, whether to include text, the attributes to add, and the adapter's switches.
 * @returns `detach()`, which restores the client; calling it again does nothing.
 * @throws {ConfigError} When `client`, `hooks` or an option is invalid.
 * @example
 * ```ts
 * const hooks = createWebhooks({ endpoints: [{ url: process.env.WEBHOOK_URL, secret: process.env.WEBHOOK_SECRET }] });
 * attachWebhooks(client, hooks);
 * ```
 */
export function attachWebhooks(
  client: Client,
  hooks: Webhooks,
  options?: DiscordjsWebhooksOptions,
): () => void {
  assertClient(client);
  assertWebhooks(hooks);
  return hookClient(client, hooks, resolveOptions(options)) ?? (() => undefined);
}
