import { createReceiver, type Receiver } from '@bothooks/testkit';
import { afterEach, beforeEach, describe } from 'vitest';
import {
  createMessageEvent,
  createWebhooks,
  type DeliveryEngine,
  inlineEngine,
  type MessageEvent,
  threadEngine,
  type Webhooks,
  type WebhooksEvents,
  type WebhooksOptions,
} from '../src/index';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A receiver closed after the test. */
export async function receiver(
  options: Parameters<typeof createReceiver>[0] = { secret: SECRET },
): Promise<Receiver> {
  const created = await createReceiver(options);
  cleanups.push(() => created.close());
  return created;
}

/** Every public event, recorded in order. */
export type Recorded = {
  [TName in keyof WebhooksEvents]: { name: TName; payload: WebhooksEvents[TName] };
}[keyof WebhooksEvents];

/** The delivery engines every shared suite runs against. */
export const ENGINES: { name: string; create: () => DeliveryEngine }[] = [
  { name: 'inline', create: () => inlineEngine() },
  { name: 'thread', create: () => threadEngine() },
];

let currentEngine: (() => DeliveryEngine) | undefined;

/**
 * Runs a suite once per delivery engine: the semantics of delivery, queue, ordering, breaker and close are the
 * engine's contract, so each engine must pass the same tests. Inside, {@link webhooks} uses that engine.
 */
export function describeEachEngine(name: string, suite: (engine: string) => void): void {
  for (const engine of ENGINES) {
    describe(`${name} [${engine.name} engine]`, () => {
      beforeEach(() => {
        currentEngine = engine.create;
        return () => {
          currentEngine = undefined;
        };
      });
      suite(engine.name);
    });
  }
}

/** The engine of the suite being run (inline outside {@link describeEachEngine}). */
export function engine(): DeliveryEngine {
  return currentEngine?.() ?? inlineEngine();
}

/** A webhooks instance (silent, fast retries unless overridden), closed after the test, recording its events. */
export function webhooks(options: WebhooksOptions): {
  hooks: Webhooks;
  events: Recorded[];
  of: <TName extends keyof WebhooksEvents>(name: TName) => WebhooksEvents[TName][];
} {
  const hooks = createWebhooks({
    logger: false,
    retry: { delays: [10, 10] },
    engine: engine(),
    ...options,
  });
  cleanups.push(() => hooks.close({ timeoutMs: 0 }));
  const events: Recorded[] = [];
  const names: (keyof WebhooksEvents)[] = [
    'delivered',
    'retrying',
    'failed',
    'dropped',
    'endpoint-disabled',
    'circuit-open',
    'circuit-closed',
    'stored',
    'request',
    'error',
  ];
  for (const name of names) hooks.on(name, (payload) => events.push({ name, payload } as Recorded));
  const of = <TName extends keyof WebhooksEvents>(name: TName) =>
    events.filter((event) => event.name === name).map((event) => event.payload as WebhooksEvents[TName]);
  return { hooks, events, of };
}

/** A realistic inbound message event. */
export function message(
  text: string,
  conversationId = '42',
  extra: Partial<MessageEvent['data']> = {},
): MessageEvent {
  return createMessageEvent('message.received', {
    platform: 'telegram',
    direction: 'inbound',
    bot: { id: '1000', name: 'shopbot' },
    conversation: { id: conversationId, type: 'private' },
    user: { id: conversationId, name: 'Ada Lovelace' },
    message: { id: String(Math.floor(Math.random() * 1e9)), text, attachments: [] },
    ...extra,
  });
}

/** Registers extra cleanup. */
export function onCleanup(cleanup: () => Promise<unknown>): void {
  cleanups.push(cleanup);
}

/** Resolves once `condition` holds, checking every few milliseconds; rejects after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
