import { describe, expect, it } from 'vitest';
import { createDeduplicator, createMemoryStore, type IdempotencyStore } from './deduplicator';

describe('createDeduplicator', () => {
  it('claims an id once until it expires', async () => {
    let now = 0;
    const seen = createDeduplicator({ ttlSeconds: 60, store: createMemoryStore({ now: () => now }) });
    expect(await seen.claim('msg_1')).toBe(true);
    expect(await seen.claim('msg_1')).toBe(false);
    expect(await seen.claim('msg_2')).toBe(true);
    now = 59_999;
    expect(await seen.claim('msg_1')).toBe(false);
    now = 60_000;
    expect(await seen.claim('msg_1')).toBe(true);
  });

  it('forgets a released id, so a failed delivery is handled on its retry', async () => {
    const seen = createDeduplicator();
    expect(await seen.claim('msg_1')).toBe(true);
    await seen.release('msg_1');
    expect(await seen.claim('msg_1')).toBe(true);
  });

  it('stays within maxEntries, forgetting the oldest first', async () => {
    const store = createMemoryStore({ maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) expect(store.add(id, 60)).toBe(true);
    expect(store.add('a', 60)).toBe(true);
    expect(store.add('d', 60)).toBe(false);
    expect(store.add('c', 60)).toBe(false);
  });

  it('works with any store, synchronous or not', async () => {
    const keys = new Map<string, number>();
    const store: IdempotencyStore = {
      add: async (key, ttlSeconds) => {
        if (keys.has(key)) return false;
        keys.set(key, ttlSeconds);
        return true;
      },
      delete: async (key) => {
        keys.delete(key);
      },
    };
    const seen = createDeduplicator({ store, ttlSeconds: 10 });
    expect(await seen.claim('msg_1')).toBe(true);
    expect(await seen.claim('msg_1')).toBe(false);
    expect(keys.get('msg_1')).toBe(10);
  });

  it('refuses a time-to-live or size that is not a positive finite number', () => {
    for (const ttlSeconds of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => createDeduplicator({ ttlSeconds })).toThrow(/ttlSeconds must be a positive finite number/);
    expect(() => createMemoryStore({ maxEntries: Number.NaN })).toThrow(/maxEntries/);
  });
});
