/**
 * The one table of defaults: option resolution reads it, and a test checks that core's README documents
 * exactly these values, so the docs cannot drift from the code.
 */

declare const __BOTHOOKS_VERSION__: string;
/** The version of @bothooks/core, injected at build time. */
export const VERSION: string = typeof __BOTHOOKS_VERSION__ === 'string' ? __BOTHOOKS_VERSION__ : '0.0.0';

/**
 * The Standard Webhooks / Svix schedule: after the immediate first attempt, retries after
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (8 attempts over about 27.5 hours).
 */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
];

/** Defaults of `createWebhooks` options. */
export const DEFAULTS = {
  timeoutMs: 15_000,
  maxConcurrency: 10,
  retry: { delays: DEFAULT_RETRY_DELAYS_MS, jitter: 0.2, maxRetryAfterMs: 3_600_000 },
  queue: { maxSize: 10_000, overflow: 'drop-newest' },
  circuitBreaker: { failureThreshold: 5, cooldownMs: 30_000, maxCooldownMs: 600_000 },
  maxBodyBytes: 262_144,
  blockPrivateNetworks: false,
  userAgent: `bothooks/${VERSION} (+https://github.com/bothooks/bothooks)`,
  closeTimeoutMs: 10_000,
  /** OpenTelemetry spans and metrics, when `@opentelemetry/api` is installed. */
  telemetry: true,
  /** `hooks.request()`, the JSON API interaction: a person is waiting for it. */
  jsonApi: { method: 'POST', timeoutMs: 10_000, maxResponseBytes: 262_144, retries: 0 },
} as const;

/** Defaults of each endpoint's options (`timeoutMs` and `maxConcurrency` default to the instance's). */
export const ENDPOINT_DEFAULTS = {
  events: ['message.*'],
  ordering: 'none',
} as const;

/** Defaults of `threadEngine()` options. */
export const THREAD_ENGINE_DEFAULTS = {
  maxCrashesPerJob: 2,
  maxHeapMb: 512,
  closeTimeoutMs: 5_000,
} as const;
