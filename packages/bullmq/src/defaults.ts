/**
 * The one table of `bullmqEngine()` defaults: option resolution reads it, and a test checks that the README's
 * options table documents exactly these values, so the docs cannot drift from the code.
 */
export const BULLMQ_ENGINE_DEFAULTS = {
  connection: 'redis://127.0.0.1:6379',
  prefix: 'bothooks',
  worker: true,
  concurrency: undefined,
  batchSize: 1_000,
  retention: {
    completed: { maxAgeMs: 86_400_000, maxCount: 10_000 },
    deadLetters: { maxAgeMs: 2_592_000_000, maxCount: 100_000 },
  },
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 2,
  closeTimeoutMs: 10_000,
  commandTimeoutMs: 5_000,
  reconnectMaxDelayMs: 2_000,
  stateRefreshMs: 1_000,
  orderingRecheckMs: 30_000,
  orderingGapMs: 30_000,
} as const;
