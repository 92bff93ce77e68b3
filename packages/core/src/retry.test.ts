import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_DELAYS_MS, nextRetryDelay, parseRetryAfter } from './retry';

const base = { delays: DEFAULT_RETRY_DELAYS_MS, jitter: 0.2, maxRetryAfterMs: 3_600_000 };

describe('nextRetryDelay', () => {
  it('follows the Standard Webhooks schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then stops', () => {
    const schedule = [1, 2, 3, 4, 5, 6, 7, 8].map((attemptsMade) =>
      nextRetryDelay({ ...base, jitter: 0, attemptsMade, random: Math.random }),
    );
    expect(schedule).toEqual([
      5_000,
      300_000,
      1_800_000,
      7_200_000,
      18_000_000,
      36_000_000,
      36_000_000,
      undefined,
    ]);
  });

  it('spreads each delay by at most ±20 %', () => {
    expect(nextRetryDelay({ ...base, attemptsMade: 2, random: () => 0 })).toBe(240_000);
    expect(nextRetryDelay({ ...base, attemptsMade: 2, random: () => 0.999_999_9 })).toBe(360_000);
    for (let run = 0; run < 1_000; run += 1) {
      const delay = nextRetryDelay({ ...base, attemptsMade: 1, random: Math.random }) ?? 0;
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(6_000);
    }
  });

  it('waits longer when Retry-After asks, never shorter, up to the bound', () => {
    const delay = (retryAfterMs: number) =>
      nextRetryDelay({ ...base, jitter: 0, attemptsMade: 1, random: Math.random, retryAfterMs });
    expect(delay(60_000)).toBe(60_000);
    expect(delay(1_000)).toBe(5_000);
    expect(delay(86_400_000)).toBe(3_600_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');

  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});
