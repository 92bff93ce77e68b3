import {
  assertWebhooks,
  BothooksError,
  ConfigError,
  createAdapterPublisher,
  type Webhooks,
} from '@bothooks/core';
import type { Client, InternalRequest } from 'discord.js';
import { createInbound } from './inbound';
import { Ledger } from './ledger';
import { type DiscordContext, type DiscordjsWebhooksOptions, resolveOptions } from './options';
import { createOutbound } from './outbound';
import { createState } from './state';
import { runInTurn } from './turns';
import { visibilityWarnings } from './visibility';

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** The live attachments of each client, by `Webhooks`. */
const attachments = new WeakMap<Client, Map<Webhooks, () => void>>();

/**
 * Replaces a method on one object (never a prototype) and returns how to put the original back. When someone
 * wrapped the method again after us, restoring would remove their wrapper too, so ours stays in place and
 * `restore` reports false: the caller then turns it into a pass-through.
 */
function replaceMethod(target: object, key: string, make: (original: Method) => Method): () => boolean {
  const own = Object.getOwnPropertyDescriptor(target, key);
  const original: Method = Reflect.get(target, key);
  const replacement = make(original);
  Object.defineProperty(target, key, {
    value: replacement,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  return () => {
    if (Reflect.get(target, key) !== replacement) return false;
    if (own) Object.defineProperty(target, key, own);
    else Reflect.deleteProperty(target, key);
    return true;
  };
}

function checkTargets(client: unknown, hooks: unknown): asserts client is Client {
  const candidate = client as Partial<Client> | null | undefined;
  if (
    typeof candidate?.emit !== 'function' ||
    typeof candidate.rest?.request !== 'function' ||
    typeof candidate.options?.intents?.bitfield !== 'number'
  ) {
    throw new ConfigError('client', 'must be a discord.js Client');
  }
  assertWebhooks(hooks);
}

/**
 * Makes a discord.js client publish a webhook event for every message it receives and sends:
 * `messageCreate`, `interactionCreate`, edits and deletes in; every REST call that creates, edits or deletes a
 * message out (`channel.send`, `message.reply`, `message.edit`, `message.delete`, `bulkDelete`, interaction
 * replies, follow-ups and edits, webhook messages), each once, with the id Discord gave it.
 *
 * Order does not matter: call it before or after `login()` and before or after registering listeners.
 * Nothing waits for delivery, nothing thrown here reaches the bot, and every REST result or error reaches the
 * bot unchanged. Returns `detach()`, which restores the client (idempotent).
 *
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
  checkTargets(client, hooks);
  const resolved = resolveOptions(options);
  const publisher = createAdapterPublisher<DiscordContext>(hooks, resolved.shared, 'discordjs');
  const existing = attachments.get(client)?.get(hooks);
  if (existing) {
    // Attaching twice (a hot reload, two modules doing it) would report every message twice.
    publisher.report(
      new BothooksError(
        'ALREADY_ATTACHED',
        'these webhooks are already attached to this client; the first attachment stays',
      ),
      'ALREADY_ATTACHED',
    );
    return existing;
  }
  const ledger = new Ledger();
  const state = createState({ client, publisher, ledger, options: resolved });
  const inbound = createInbound(state);
  const outbound = createOutbound(state);

  const restoreEmit = replaceMethod(
    client,
    'emit',
    (original) =>
      function emit(this: unknown, ...args: unknown[]): unknown {
        if (!state.active) return Reflect.apply(original, this, args);
        let scope: ReturnType<typeof inbound.observe>;
        try {
          scope = inbound.observe(args);
        } catch (error) {
          state.report(error);
        }
        return scope
          ? runInTurn(scope, () => Reflect.apply(original, this, args))
          : Reflect.apply(original, this, args);
      },
  );

  const restoreRequest = replaceMethod(
    client.rest,
    'request',
    (original) =>
      function request(this: unknown, ...args: unknown[]): unknown {
        let call: ReturnType<typeof outbound.plan>;
        if (state.active) {
          try {
            call = outbound.plan(args[0] as InternalRequest);
          } catch (error) {
            state.report(error);
          }
        }
        const result = Reflect.apply(original, this, args);
        if (!call || !(result instanceof Promise)) return result;
        const watched = call;
        ledger.track(result);
        // A new promise with the same outcome: the caller still sees an unhandled rejection if it ignores one.
        return result.then(
          (value: unknown) => {
            try {
              outbound.succeeded(watched, value);
            } catch (error) {
              state.report(error);
            }
            return value;
          },
          (error: unknown) => {
            try {
              outbound.failed(watched, error);
            } catch (reportError) {
              state.report(reportError);
            }
            throw error;
          },
        );
      },
  );

  if (resolved.switches.warnings) {
    const settings = { intents: client.options.intents.bitfield, partials: client.options.partials ?? [] };
    for (const warning of visibilityWarnings(settings)) {
      publisher.report(new BothooksError(warning.code, warning.message), warning.code, 'warning');
    }
  }

  let attached = true;
  const detach = (): void => {
    if (!attached) return;
    attached = false;
    state.active = false;
    restoreEmit();
    restoreRequest();
    ledger.clear();
    attachments.get(client)?.delete(hooks);
  };
  const byHooks = attachments.get(client) ?? new Map<Webhooks, () => void>();
  byHooks.set(hooks, detach);
  attachments.set(client, byHooks);
  return detach;
}
