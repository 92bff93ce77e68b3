export { DEFAULT_RETRY_DELAYS_MS } from './defaults';

/** Retry behaviour. */
export interface RetryOptions {
  /**
   * Delays in milliseconds before each retry; the first attempt is immediate, so `delays.length + 1`
   * attempts are made in all. `[]` disables retries.
   * @default [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]
   */
  delays?: readonly number[];
  /**
   * Random spread applied to each delay, as a fraction: 0.2 means ±20 %.
   * @default 0.2
   */
  jitter?: number;
  /**
   * The longest wait a `Retry-After` response header can impose. A receiver asking for longer gets this.
   * `Retry-After` never shortens the scheduled delay.
   * @default 3_600_000 (1 hour)
   */
  maxRetryAfterMs?: number;
}

/**
 * The delay before the next attempt, or `undefined` once every attempt is spent.
 * `attemptsMade` counts the attempts already made (1 after the first failure).
 */
export function nextRetryDelay(options: {
  attemptsMade: number;
  delays: readonly number[];
  jitter: number;
  random: () => number;
  retryAfterMs?: number | undefined;
  maxRetryAfterMs: number;
}): number | undefined {
  const base = options.delays[options.attemptsMade - 1];
  if (base === undefined) return undefined;
  const spread = base * options.jitter * (2 * options.random() - 1);
  const scheduled = Math.max(0, Math.round(base + spread));
  if (options.retryAfterMs === undefined) return scheduled;
  return Math.max(scheduled, Math.min(options.retryAfterMs, options.maxRetryAfterMs));
}

/** Parses a `Retry-After` header (delta seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed) * 1000;
  // Date.parse reads bare numbers such as "-5" as years; an HTTP date always names its day or month.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
