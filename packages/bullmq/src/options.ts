import { ConfigError } from '@bothooks/core';
import type { RedisOptions } from 'ioredis';
import { BULLMQ_ENGINE_DEFAULTS as DEFAULTS } from './defaults';

/** How long finished jobs stay in Redis; whichever limit is reached first removes the oldest. */
export interface RetentionLimit {
  /** Milliseconds after a job finished. */
  maxAgeMs?: number;
  /** Jobs per endpoint; `0` removes each job as soon as it finishes. */
  maxCount?: number;
}

/** Options of {@link bullmqEngine}. Every process (bot or worker) passes the same ones. */
export interface BullmqEngineOptions {
  /**
   * Where Redis is: a `redis://` or `rediss://` URL (`redis://:password@host:6379/0`), or ioredis options
   * (`{ host, port, password, db, tls, ... }`). The engine sets `maxRetriesPerRequest`, `enableOfflineQueue`,
   * `retryStrategy` and `commandTimeout` itself (see the README), whatever is given here.
   * @default 'redis://127.0.0.1:6379'
   */
  connection?: string | RedisOptions;
  /**
   * The first part of every Redis key the engine writes, so several bots can share one Redis.
   * @default 'bothooks'
   */
  prefix?: string;
  /**
   * `true`: this process also delivers (runs BullMQ workers, one per endpoint). `false`: it only publishes, and
   * separate worker processes deliver.
   * @default true
   */
  worker?: boolean;
  /**
   * Deliveries in flight at once per endpoint in this worker process.
   * @default the endpoint's `maxConcurrency` (10 unless configured)
   */
  concurrency?: number;
  /**
   * The most jobs stored in Redis with one `addBulk` call.
   * @default 1_000
   */
  batchSize?: number;
  /** How long finished jobs stay in Redis. */
  retention?: {
    /**
     * Delivered jobs. They also make a re-sent store of the same job harmless for this long.
     * @default { maxAgeMs: 86_400_000 (1 day), maxCount: 10_000 }
     */
    completed?: RetentionLimit;
    /**
     * Dead letters: deliveries that failed for good (or were dropped for a disabled endpoint), kept for
     * `deadLetters()`, `replay()` and `replayAll()`. A count too small destroys dead letters.
     * @default { maxAgeMs: 2_592_000_000 (30 days), maxCount: 100_000 }
     */
    deadLetters?: RetentionLimit;
  };
  /**
   * A worker holds a lock on each job it delivers, renewed every half of this. A worker that dies (kill -9, OOM,
   * power loss) loses its locks after this long; the jobs are then delivered again by another worker.
   * @default 30_000
   */
  lockDurationMs?: number;
  /**
   * How often workers look for jobs whose worker died. A dead worker's jobs are picked up again after
   * `lockDurationMs` plus up to twice this.
   * @default 30_000
   */
  stalledIntervalMs?: number;
  /**
   * A job whose worker died more than this many times is dead-lettered (code `STALLED`) instead of being
   * delivered again: a message that kills every worker cannot keep killing them.
   * @default 2
   */
  maxStalledCount?: number;
  /**
   * How long `close()` waits for this process's deliveries in flight before aborting them (they are then
   * delivered again by another worker, after `lockDurationMs`).
   * @default 10_000
   */
  closeTimeoutMs?: number;
  /**
   * How long a publisher's Redis command may take before it is retried (a half-open connection never answers).
   * @default 5_000
   */
  commandTimeoutMs?: number;
  /**
   * The longest wait between two reconnection attempts while Redis is down: the most that delivery and
   * publishing resume later than Redis.
   * @default 2_000
   */
  reconnectMaxDelayMs?: number;
  /**
   * How often each process reads the state its processes share: disabled endpoints and open circuits.
   * @default 1_000
   */
  stateRefreshMs?: number;
  /**
   * `ordering: 'conversation'`: a job waiting for its conversation's previous one is woken by it; this is how
   * often it checks by itself anyway (the fallback after a worker died between the two).
   * @default 30_000
   */
  orderingRecheckMs?: number;
  /**
   * `ordering: 'conversation'`: a job whose predecessor never reached Redis (its publisher died between taking a
   * number and storing the job) waits this long for it, then goes ahead.
   * @default 30_000
   */
  orderingGapMs?: number;
}

/** Options resolved against the defaults and checked. */
export interface ResolvedBullmqOptions {
  readonly connection: string | RedisOptions;
  readonly prefix: string;
  readonly worker: boolean;
  readonly concurrency: number | undefined;
  readonly batchSize: number;
  readonly retention: {
    readonly completed: { readonly maxAgeMs: number; readonly maxCount: number };
    readonly deadLetters: { readonly maxAgeMs: number; readonly maxCount: number };
  };
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
  readonly maxStalledCount: number;
  readonly closeTimeoutMs: number;
  readonly commandTimeoutMs: number;
  readonly reconnectMaxDelayMs: number;
  readonly stateRefreshMs: number;
  readonly orderingRecheckMs: number;
  readonly orderingGapMs: number;
}

const FIELD = 'bullmqEngine';
const DAY_MS = 86_400_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKnown(input: Record<string, unknown>, known: readonly string[], field: string): void {
  for (const name of Object.keys(input)) {
    if (!known.includes(name)) {
      throw new ConfigError(`${field}.${name}`, `unknown option (known: ${known.join(', ')})`);
    }
  }
}

function integer(value: unknown, field: string, fallback: number, minimum: number, maximum: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw new ConfigError(field, `must be an integer from ${minimum} to ${maximum}`);
  }
  return value;
}

function resolveConnection(value: unknown): string | RedisOptions {
  const field = `${FIELD}.connection`;
  if (value === undefined) return DEFAULTS.connection;
  if (typeof value === 'string') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError(field, 'is not a valid URL; use redis://host:port or ioredis options');
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
      throw new ConfigError(field, `must use redis: or rediss:, not ${url.protocol}`);
    }
    return value;
  }
  if (!isRecord(value)) {
    throw new ConfigError(field, 'must be a redis:// URL or an object of ioredis options');
  }
  if (value.keyPrefix !== undefined) {
    throw new ConfigError(`${field}.keyPrefix`, 'is not supported by BullMQ; use the prefix option');
  }
  if (value.port !== undefined && (typeof value.port !== 'number' || !Number.isInteger(value.port))) {
    throw new ConfigError(`${field}.port`, 'must be an integer');
  }
  if (value.host !== undefined && typeof value.host !== 'string') {
    throw new ConfigError(`${field}.host`, 'must be a string');
  }
  return { ...value } as RedisOptions;
}

function resolveRetention(
  value: unknown,
  field: string,
  fallback: { readonly maxAgeMs: number; readonly maxCount: number },
): { maxAgeMs: number; maxCount: number } {
  if (value === undefined) return { ...fallback };
  if (!isRecord(value)) throw new ConfigError(field, 'must be an object with maxAgeMs and/or maxCount');
  checkKnown(value, ['maxAgeMs', 'maxCount'], field);
  return {
    maxAgeMs: integer(value.maxAgeMs, `${field}.maxAgeMs`, fallback.maxAgeMs, 1_000, 3_650 * DAY_MS),
    maxCount: integer(value.maxCount, `${field}.maxCount`, fallback.maxCount, 0, 100_000_000),
  };
}

/** Checks `bullmqEngine()` options; anything wrong is a `ConfigError` naming the field, thrown at once. */
export function resolveBullmqOptions(options: unknown): ResolvedBullmqOptions {
  if (options !== undefined && !isRecord(options)) throw new ConfigError(FIELD, 'options must be an object');
  const input = (options ?? {}) as Record<string, unknown>;
  checkKnown(input, Object.keys(DEFAULTS), FIELD);

  const prefix = input.prefix ?? DEFAULTS.prefix;
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9_{}.-]{1,64}$/.test(prefix)) {
    throw new ConfigError(`${FIELD}.prefix`, 'must be 1 to 64 letters, digits, _ . - { or }');
  }
  if (input.worker !== undefined && typeof input.worker !== 'boolean') {
    throw new ConfigError(`${FIELD}.worker`, 'must be a boolean');
  }
  const retention = input.retention;
  if (retention !== undefined) {
    if (!isRecord(retention)) throw new ConfigError(`${FIELD}.retention`, 'must be an object');
    checkKnown(retention, ['completed', 'deadLetters'], `${FIELD}.retention`);
  }
  const lockDurationMs = integer(
    input.lockDurationMs,
    `${FIELD}.lockDurationMs`,
    DEFAULTS.lockDurationMs,
    500,
    DAY_MS,
  );

  return {
    connection: resolveConnection(input.connection),
    prefix,
    worker: (input.worker as boolean | undefined) ?? DEFAULTS.worker,
    concurrency:
      input.concurrency === undefined
        ? undefined
        : integer(input.concurrency, `${FIELD}.concurrency`, 1, 1, 1_024),
    batchSize: integer(input.batchSize, `${FIELD}.batchSize`, DEFAULTS.batchSize, 1, 10_000),
    retention: {
      completed: resolveRetention(
        isRecord(retention) ? retention.completed : undefined,
        `${FIELD}.retention.completed`,
        DEFAULTS.retention.completed,
      ),
      deadLetters: resolveRetention(
        isRecord(retention) ? retention.deadLetters : undefined,
        `${FIELD}.retention.deadLetters`,
        DEFAULTS.retention.deadLetters,
      ),
    },
    lockDurationMs,
    stalledIntervalMs: integer(
      input.stalledIntervalMs,
      `${FIELD}.stalledIntervalMs`,
      DEFAULTS.stalledIntervalMs,
      100,
      DAY_MS,
    ),
    maxStalledCount: integer(
      input.maxStalledCount,
      `${FIELD}.maxStalledCount`,
      DEFAULTS.maxStalledCount,
      0,
      1_000,
    ),
    closeTimeoutMs: integer(
      input.closeTimeoutMs,
      `${FIELD}.closeTimeoutMs`,
      DEFAULTS.closeTimeoutMs,
      0,
      3_600_000,
    ),
    commandTimeoutMs: integer(
      input.commandTimeoutMs,
      `${FIELD}.commandTimeoutMs`,
      DEFAULTS.commandTimeoutMs,
      100,
      600_000,
    ),
    reconnectMaxDelayMs: integer(
      input.reconnectMaxDelayMs,
      `${FIELD}.reconnectMaxDelayMs`,
      DEFAULTS.reconnectMaxDelayMs,
      50,
      600_000,
    ),
    stateRefreshMs: integer(
      input.stateRefreshMs,
      `${FIELD}.stateRefreshMs`,
      DEFAULTS.stateRefreshMs,
      50,
      600_000,
    ),
    orderingRecheckMs: integer(
      input.orderingRecheckMs,
      `${FIELD}.orderingRecheckMs`,
      DEFAULTS.orderingRecheckMs,
      50,
      DAY_MS,
    ),
    orderingGapMs: integer(input.orderingGapMs, `${FIELD}.orderingGapMs`, DEFAULTS.orderingGapMs, 0, DAY_MS),
  };
}
