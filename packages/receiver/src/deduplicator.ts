import { WebhookVerificationError } from './errors';

/**
 * Where a {@link Deduplicator} remembers ids: memory by default ({@link createMemoryStore}), or any shared store
 * (Redis `SET key 1 NX EX ttl`, a database row with a unique key and an expiry).
 */
export interface IdempotencyStore {
  /** Adds `key` for `ttlSeconds` unless it is there and not yet expired; true when it was added. Must be atomic. */
  add(key: string, ttlSeconds: number): boolean | Promise<boolean>;
  /** Forgets `key`, so a delivery whose handling failed is handled when it is retried. */
  delete(key: string): void | Promise<void>;
}

/** Remembers the `webhook-id`s handled, so a retried delivery is handled once. */
export interface Deduplicator {
  /** True the first time `id` is claimed within the time-to-live; false for a repeat. */
  claim(id: string): Promise<boolean>;
  /** Forgets `id` (call it when handling failed, so the sender's retry is handled). */
  release(id: string): Promise<void>;
}

/** Options of {@link createDeduplicator}. */
export interface DeduplicatorOptions {
  /**
   * How long an id is remembered. The default outlasts the whole bothooks retry schedule (about 28 hours, plus
   * jitter), so no retry of a handled delivery is handled again.
   * @default 172_800 (48 hours)
   */
  ttlSeconds?: number;
  /** @default createMemoryStore() */
  store?: IdempotencyStore;
}

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * The most ids kept; past it the oldest are forgotten first, so memory stays bounded under any load.
   * @default 100_000
   */
  maxEntries?: number;
  /** The clock, for tests. @default Date.now */
  now?: () => number;
}

function positive(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw new WebhookVerificationError('INVALID_OPTIONS', `${name} must be a positive finite number`);
  return value;
}

/**
 * An in-memory {@link IdempotencyStore} for one process. Bounded in time (each id expires) and in size
 * (`maxEntries`, oldest first). Use a shared store when several processes receive.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): IdempotencyStore {
  const maxEntries = positive(options.maxEntries, 100_000, 'maxEntries');
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order; re-adding moves a key to the end, so the first key is the oldest.
  const expiries = new Map<string, number>();
  return {
    add(key, ttlSeconds) {
      const at = now();
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > at) return false;
      expiries.delete(key);
      for (const [oldest, oldestExpiry] of expiries) {
        if (oldestExpiry > at && expiries.size < maxEntries) break;
        expiries.delete(oldest);
      }
      expiries.set(key, at + ttlSeconds * 1000);
      return true;
    },
    delete(key) {
      expiries.delete(key);
    },
  };
}

/**
 * Remembers handled `webhook-id`s for a bounded time. Deliveries are at least once: a receiver that answered
 * too late, or whose answer was lost, gets the same `webhook-id` again.
 *
 * @example
 * ```ts
 * const seen = createDeduplicator();
 * if (await seen.claim(webhookId(request.headers) ?? '')) await handle(event);
 * ```
 */
export function createDeduplicator(options: DeduplicatorOptions = {}): Deduplicator {
  const ttlSeconds = positive(options.ttlSeconds, 172_800, 'ttlSeconds');
  const store = options.store ?? createMemoryStore();
  return {
    claim: async (id) => {
      if (typeof id !== 'string' || id === '') return true;
      return (await store.add(id, ttlSeconds)) === true;
    },
    release: async (id) => {
      if (typeof id === 'string' && id !== '') await store.delete(id);
    },
  };
}
