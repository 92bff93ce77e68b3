import {
  createMessageEvent,
  createWebhooks,
  type MessageEvent,
  type Webhooks,
  type WebhooksEvents,
  type WebhooksOptions,
} from '@bothooks/core';
import { createReceiver, type Receiver, RedisServer, type RedisServerOptions } from '@bothooks/testkit';
import { afterEach } from 'vitest';
import { type BullmqEngine, type BullmqEngineOptions, bullmqEngine } from '../src/index';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** Small intervals, so recoveries take a second or two instead of a minute. */
export const FAST: BullmqEngineOptions = {
  lockDurationMs: 2_000,
  stalledIntervalMs: 1_000,
  stateRefreshMs: 100,
  orderingRecheckMs: 1_000,
  orderingGapMs: 1_000,
  reconnectMaxDelayMs: 200,
  closeTimeoutMs: 3_000,
};

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  // Each one runs whatever the others do, within a bound: a redis-server must never outlive its test.
  for (const cleanup of cleanups.splice(0).reverse()) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      cleanup().catch(() => undefined),
      new Promise((resolve) => {
        timer = setTimeout(resolve, 5_000);
      }),
    ]);
    clearTimeout(timer);
  }
}, 60_000);

/** A redis-server of the test's own, destroyed (with its data) after it. */
export async function redisServer(options?: RedisServerOptions): Promise<RedisServer> {
  const server = await RedisServer.start(options);
  onCleanup(() => server.destroy());
  return server;
}

export function onCleanup(cleanup: () => Promise<unknown>): void {
  cleanups.push(cleanup);
}

/** A verifying receiver closed after the test. */
export async function receiver(
  options: Parameters<typeof createReceiver>[0] = { secret: SECRET },
): Promise<Receiver> {
  const created = await createReceiver(options);
  onCleanup(() => created.close());
  return created;
}

/** Every event of a Webhooks instance, recorded. */
export interface Recorded {
  hooks: Webhooks;
  engine: BullmqEngine;
  of<TName extends keyof WebhooksEvents>(name: TName): WebhooksEvents[TName][];
}

const EVENT_NAMES: (keyof WebhooksEvents)[] = [
  'delivered',
  'retrying',
  'failed',
  'dropped',
  'endpoint-disabled',
  'circuit-open',
  'circuit-closed',
  'stored',
  'error',
];

/** A Webhooks on the durable engine (silent, fast retries unless overridden), closed after the test. */
export function durableWebhooks(
  redis: RedisServer | string,
  options: WebhooksOptions,
  engineOptions: BullmqEngineOptions = {},
): Recorded {
  const engine = bullmqEngine({
    connection: typeof redis === 'string' ? redis : redis.url,
    ...FAST,
    ...engineOptions,
  });
  const hooks = createWebhooks({ logger: false, retry: { delays: [20, 20] }, ...options, engine });
  onCleanup(() => hooks.close({ timeoutMs: 0 }));
  const events = new Map<keyof WebhooksEvents, unknown[]>();
  for (const name of EVENT_NAMES) {
    events.set(name, []);
    hooks.on(name, (payload) => events.get(name)?.push(payload));
  }
  return {
    hooks,
    engine,
    of: <TName extends keyof WebhooksEvents>(name: TName) =>
      (events.get(name) ?? []) as WebhooksEvents[TName][],
  };
}

/** A realistic inbound message event. */
export function message(text: string, conversationId = '42'): MessageEvent {
  return createMessageEvent('message.received', {
    platform: 'telegram',
    direction: 'inbound',
    bot: { id: '1000', name: 'shopbot' },
    conversation: { id: conversationId, type: 'private' },
    user: { id: conversationId, name: 'Ada Lovelace' },
    message: { id: String(Math.floor(Math.random() * 1e9)), text, attachments: [] },
  });
}

/** Resolves once `condition` holds; rejects after `timeoutMs`, naming what was awaited. */
export async function until(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The distinct webhook-ids a receiver got, kept up to date incrementally: a condition polled every few ms must
 * stay cheap, or the test's own event loop (which runs the receiver) starves the deliveries it waits for.
 */
export function receivedIds(target: Receiver): () => Set<string> {
  const ids = new Set<string>();
  let seen = 0;
  return () => {
    for (; seen < target.requests.length; seen += 1)
      ids.add(String(target.requests[seen]?.headers['webhook-id']));
    return ids;
  };
}

/** Whether every id of `expected` is in `actual`. */
export function containsAll(actual: ReadonlySet<string>, expected: Iterable<string>): boolean {
  for (const id of expected) if (!actual.has(id)) return false;
  return true;
}

/** The stored message ids reported by `stored` events. */
export function storedIds(recorded: Recorded): Set<string> {
  return new Set(recorded.of('stored').flatMap((event) => event.messageIds));
}
