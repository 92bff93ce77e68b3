import type { Logger, ResolvedOptions } from './config';
import { boolean, integer, isRecord, knownOptions, stringList } from './config-checks';
import { DEFAULTS } from './defaults';
import type { DeliveryEngine } from './engine';
import { ConfigError } from './errors';
import { MESSAGE_EVENT_TYPES } from './event';

const OPTIONS = [
  'endpoints',
  'timeoutMs',
  'retry',
  'queue',
  'maxConcurrency',
  'circuitBreaker',
  'maxBodyBytes',
  'blockPrivateNetworks',
  'userAgent',
  'closeTimeoutMs',
  'logger',
  'engine',
  'customEventTypes',
  'telemetry',
] as const;

/** Event types endpoints may name without declaring them: the message events, Verify pings and JSON API requests. */
export const BUILT_IN_EVENT_TYPES: readonly string[] = [
  ...MESSAGE_EVENT_TYPES,
  'webhook.verify',
  'jsonapi.request',
];
const EVENT_TYPE = /^[a-zA-Z0-9_]+(\.[a-zA-Z0-9_]+)*$/;
const WEEK_MS = 7 * 24 * 3_600_000;

// The documented default logger; `logger: false` silences it.
const consoleLogger: Logger = {
  // biome-ignore lint/suspicious/noConsole: the default logger writes to the console by design.
  warn: (...args) => console.warn(...args),
  // biome-ignore lint/suspicious/noConsole: the default logger writes to the console by design.
  error: (...args) => console.error(...args),
};

/**
 * Validates the instance-wide options of `createWebhooks` (endpoints are resolved one by one) and fills in the
 * defaults from the one table of defaults.
 * @throws {ConfigError} naming the first wrong option, with the nearest known name for an unknown one.
 */
export function resolveOptions(options: unknown): ResolvedOptions {
  if (options !== undefined && !isRecord(options)) throw new ConfigError('options', 'must be an object');
  const input = (options ?? {}) as Record<string, unknown>;
  knownOptions(input, OPTIONS, '');
  if (input.endpoints !== undefined && !Array.isArray(input.endpoints)) {
    throw new ConfigError('endpoints', 'must be an array of endpoint configs');
  }
  const customEventTypes = stringList(input.customEventTypes, 'customEventTypes', EVENT_TYPE) ?? [];
  return {
    timeoutMs: integer(input.timeoutMs, 'timeoutMs', DEFAULTS.timeoutMs, 1, 600_000),
    ...resolveRetry(input.retry),
    ...resolveQueue(input.queue),
    maxConcurrency: integer(input.maxConcurrency, 'maxConcurrency', DEFAULTS.maxConcurrency, 1, 1024),
    circuitBreaker: resolveBreaker(input.circuitBreaker),
    maxBodyBytes: integer(input.maxBodyBytes, 'maxBodyBytes', DEFAULTS.maxBodyBytes, 1, 100 * 1024 * 1024),
    blockPrivateNetworks: boolean(
      input.blockPrivateNetworks,
      'blockPrivateNetworks',
      DEFAULTS.blockPrivateNetworks,
    ),
    userAgent: resolveUserAgent(input.userAgent),
    closeTimeoutMs: integer(input.closeTimeoutMs, 'closeTimeoutMs', DEFAULTS.closeTimeoutMs, 0, 3_600_000),
    logger: resolveLogger(input.logger),
    engine: resolveEngine(input.engine),
    eventTypes: [...BUILT_IN_EVENT_TYPES, ...customEventTypes],
    telemetry: boolean(input.telemetry, 'telemetry', DEFAULTS.telemetry),
  };
}

function resolveRetry(value: unknown): Pick<ResolvedOptions, 'retryDelays' | 'jitter' | 'maxRetryAfterMs'> {
  const defaults = DEFAULTS.retry;
  if (value === false)
    return { retryDelays: [], jitter: defaults.jitter, maxRetryAfterMs: defaults.maxRetryAfterMs };
  if (value === undefined) {
    return {
      retryDelays: defaults.delays,
      jitter: defaults.jitter,
      maxRetryAfterMs: defaults.maxRetryAfterMs,
    };
  }
  if (!isRecord(value)) throw new ConfigError('retry', 'must be an object or false');
  knownOptions(value, ['delays', 'jitter', 'maxRetryAfterMs'], 'retry');
  let retryDelays = defaults.delays;
  if (value.delays !== undefined) {
    if (!Array.isArray(value.delays) || value.delays.length > 100) {
      throw new ConfigError('retry.delays', 'must be an array of at most 100 delays in milliseconds');
    }
    retryDelays = value.delays.map((delay: unknown, index: number) =>
      integer(delay, `retry.delays[${index}]`, 0, 0, WEEK_MS),
    );
  }
  let jitter: number = defaults.jitter;
  if (value.jitter !== undefined) {
    if (typeof value.jitter !== 'number' || !(value.jitter >= 0 && value.jitter <= 1)) {
      throw new ConfigError('retry.jitter', 'must be a number from 0 to 1');
    }
    jitter = value.jitter;
  }
  return {
    retryDelays,
    jitter,
    maxRetryAfterMs: integer(
      value.maxRetryAfterMs,
      'retry.maxRetryAfterMs',
      defaults.maxRetryAfterMs,
      0,
      WEEK_MS,
    ),
  };
}

function resolveQueue(value: unknown): Pick<ResolvedOptions, 'queueMaxSize' | 'overflow'> {
  const defaults = DEFAULTS.queue;
  if (value === undefined) return { queueMaxSize: defaults.maxSize, overflow: defaults.overflow };
  if (!isRecord(value)) throw new ConfigError('queue', 'must be an object');
  knownOptions(value, ['maxSize', 'overflow'], 'queue');
  if (value.overflow !== undefined && value.overflow !== 'drop-newest' && value.overflow !== 'drop-oldest') {
    throw new ConfigError('queue.overflow', "must be 'drop-newest' or 'drop-oldest'");
  }
  return {
    queueMaxSize: integer(value.maxSize, 'queue.maxSize', defaults.maxSize, 1, 10_000_000),
    overflow: (value.overflow as ResolvedOptions['overflow'] | undefined) ?? defaults.overflow,
  };
}

function resolveBreaker(value: unknown): ResolvedOptions['circuitBreaker'] {
  const defaults = DEFAULTS.circuitBreaker;
  if (value === false) return undefined;
  if (value === undefined) return defaults;
  if (!isRecord(value)) throw new ConfigError('circuitBreaker', 'must be an object or false');
  knownOptions(value, ['failureThreshold', 'cooldownMs', 'maxCooldownMs'], 'circuitBreaker');
  const cooldownMs = integer(
    value.cooldownMs,
    'circuitBreaker.cooldownMs',
    defaults.cooldownMs,
    1,
    86_400_000,
  );
  return {
    failureThreshold: integer(
      value.failureThreshold,
      'circuitBreaker.failureThreshold',
      defaults.failureThreshold,
      1,
      1_000_000,
    ),
    cooldownMs,
    maxCooldownMs: integer(
      value.maxCooldownMs,
      'circuitBreaker.maxCooldownMs',
      Math.max(cooldownMs, defaults.maxCooldownMs),
      cooldownMs,
      86_400_000,
    ),
  };
}

function resolveUserAgent(value: unknown): string {
  if (value === undefined) return DEFAULTS.userAgent;
  if (typeof value !== 'string' || value === '' || /[\r\n\0]/.test(value)) {
    throw new ConfigError('userAgent', 'must be a non-empty string without line breaks');
  }
  return value;
}

function resolveLogger(value: unknown): Logger | undefined {
  if (value === false) return undefined;
  if (value === undefined) return consoleLogger;
  const candidate = value as Partial<Logger> | null;
  if (typeof candidate?.warn !== 'function' || typeof candidate.error !== 'function') {
    throw new ConfigError('logger', 'must have warn and error methods, or be false');
  }
  return candidate as Logger;
}

function resolveEngine(value: unknown): DeliveryEngine | undefined {
  const engine = value as Partial<DeliveryEngine> | undefined;
  if (
    engine !== undefined &&
    (typeof engine !== 'object' ||
      engine === null ||
      typeof engine.start !== 'function' ||
      typeof engine.submit !== 'function')
  ) {
    throw new ConfigError('engine', 'must be a delivery engine, e.g. inlineEngine() or threadEngine()');
  }
  return engine as DeliveryEngine | undefined;
}
