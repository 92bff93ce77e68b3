import { DEFAULTS, ENDPOINT_DEFAULTS } from './defaults';
import type { DeliveryEndpoint, DeliveryEngine, EngineSettings } from './engine';
import { ConfigError } from './errors';
import type { WebhookEvent } from './event';
import type { RetryOptions } from './retry';
import { decodeSecret } from './secret';

/** One URL that receives webhooks. */
export interface EndpointConfig {
  /**
   * A name for the endpoint, used in events, in `verify()`, `request()` and `removeEndpoint()`.
   * @default the URL's origin and path (never its query or credentials)
   */
  id?: string;
  /** Absolute `http:` or `https:` URL. Credentials in it (`https://user:pass@host`) become a Basic `authorization` header. */
  url: string;
  /**
   * Standard Webhooks secret(s), `whsec_` + base64 of 24 to 64 bytes. Several secrets (during a rotation)
   * produce several space-separated signatures. Omitted: requests are sent unsigned.
   * @default undefined
   */
  secret?: string | readonly string[] | undefined;
  /**
   * Event types to send; `message.*` matches every message event and `*` everything.
   * @default ['message.*']
   */
  events?: readonly string[];
  /**
   * Only send events of turns tagged with one of these interactions. Omitted: every event (the "entire bot" webhook).
   * @default undefined
   */
  interactions?: readonly string[];
  /** Called when an event is published; return false to skip this endpoint. A filter that throws skips it too, reported through `error`. */
  filter?: (event: WebhookEvent) => boolean;
  /** Extra request headers, e.g. a tenant or an API key. The `webhook-*`, `content-type` and `user-agent` headers are reserved. */
  headers?: Record<string, string>;
  /**
   * `conversation`: each conversation's events reach this endpoint strictly in publish order, one at a time
   * (a failing delivery holds back only its own conversation). `none`: as fast as possible, in any order.
   * @default 'none'
   */
  ordering?: 'none' | 'conversation';
  /** The JSON body to send instead of the envelope. A transform that throws drops the event for this endpoint, reported through `error` and `dropped`. */
  transform?: (event: WebhookEvent) => unknown;
  /** Overrides the instance's `timeoutMs` for this endpoint. */
  timeoutMs?: number;
  /** Overrides the instance's `maxConcurrency` for this endpoint. */
  maxConcurrency?: number;
}

/** Where bothooks reports problems that no listener handled. */
export interface Logger {
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** Options of `createWebhooks`. */
export interface WebhooksOptions {
  /** The endpoints to deliver to. More can be added with `addEndpoint`. @default [] */
  endpoints?: readonly EndpointConfig[];
  /**
   * Deadline of one delivery attempt in milliseconds, covering connect, response headers and body.
   * @default 15_000
   */
  timeoutMs?: number;
  /** Retry schedule, jitter and `Retry-After` bound; `false` makes a single attempt. @default the Standard Webhooks schedule */
  retry?: RetryOptions | false;
  /** The in-memory queue of each endpoint. */
  queue?: {
    /**
     * The most deliveries waiting per endpoint (queued, in flight or waiting to retry). Past it, `overflow` decides what is dropped.
     * @default 10_000
     */
    maxSize?: number;
    /**
     * `drop-newest` refuses the event being published; `drop-oldest` evicts the oldest waiting delivery to make room.
     * Either way a `dropped` event reports it.
     * @default 'drop-newest'
     */
    overflow?: 'drop-newest' | 'drop-oldest';
  };
  /** Requests in flight at once per endpoint (its connection pool size). @default 10 */
  maxConcurrency?: number;
  /**
   * After `failureThreshold` consecutive failed attempts an endpoint pauses for `cooldownMs` (doubling up to
   * `maxCooldownMs` while it keeps failing), then one probe delivery decides whether traffic resumes.
   * Its queued deliveries wait; none is lost. `false` turns it off.
   * @default { failureThreshold: 5, cooldownMs: 30_000, maxCooldownMs: 600_000 }
   */
  circuitBreaker?: { failureThreshold?: number; cooldownMs?: number; maxCooldownMs?: number } | false;
  /** Bodies larger than this many bytes are dropped (reported through `dropped`). @default 262_144 (256 KB) */
  maxBodyBytes?: number;
  /**
   * Refuse loopback, private, link-local, CGNAT and ULA destinations, checked on the resolved address at
   * connect time (DNS rebinding safe). Turn it on when endpoint URLs come from untrusted users.
   * @default false
   */
  blockPrivateNetworks?: boolean;
  /** The `user-agent` header. @default 'bothooks/<version> (+https://github.com/bothooks/bothooks)' */
  userAgent?: string;
  /** How long `close()` waits for queued deliveries before reporting them undelivered. @default 10_000 */
  closeTimeoutMs?: number;
  /**
   * Receives the problems that no listener handled (a `failed`, `dropped`, `endpoint-disabled` or `error` event
   * without a listener). `false` silences it.
   * @default console
   */
  logger?: Logger | false;
  /**
   * Where deliveries run: `inlineEngine()` on this thread's event loop, `threadEngine()` in a supervised worker
   * thread, or `bullmqEngine()` from `@bothooks/bullmq`, durable on Redis. One engine per `createWebhooks` call.
   * @default inlineEngine()
   */
  engine?: DeliveryEngine;
}

/** An endpoint as the facade keeps it: what the engine delivers to, plus the routing that stays on this thread. */
export interface ResolvedEndpoint extends DeliveryEndpoint {
  readonly url: URL;
  readonly keys: readonly Buffer[];
  /** The `events` patterns, split once: exact types, `prefix.*` prefixes (with the dot), or everything. */
  readonly events: {
    readonly all: boolean;
    readonly exact: ReadonlySet<string>;
    readonly prefixes: readonly string[];
  };
  readonly interactions: ReadonlySet<string> | undefined;
  readonly filter: ((event: WebhookEvent) => boolean) | undefined;
  readonly transform: ((event: WebhookEvent) => unknown) | undefined;
}

export interface ResolvedOptions extends EngineSettings {
  readonly timeoutMs: number;
  readonly queueMaxSize: number;
  readonly overflow: 'drop-newest' | 'drop-oldest';
  readonly maxConcurrency: number;
  readonly maxBodyBytes: number;
  readonly closeTimeoutMs: number;
  readonly logger: Logger | undefined;
  readonly engine: DeliveryEngine | undefined;
}

const RESERVED_HEADERS = new Set([
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'content-type',
  'content-length',
  'transfer-encoding',
  'connection',
  'host',
  'user-agent',
]);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const EVENT_PATTERN = /^(\*|[a-zA-Z0-9_]+(\.[a-zA-Z0-9_]+)*(\.\*)?)$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function integer(value: unknown, field: string, fallback: number, minimum: number, maximum: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw new ConfigError(field, `must be an integer from ${minimum} to ${maximum}`);
  }
  return value;
}

function stringList(value: unknown, field: string, pattern?: RegExp): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new ConfigError(field, 'must be an array of strings');
  return value.map((entry, index) => {
    if (typeof entry !== 'string' || entry === '' || (pattern && !pattern.test(entry))) {
      throw new ConfigError(
        `${field}[${index}]`,
        pattern ? `must match ${pattern}` : 'must be a non-empty string',
      );
    }
    return entry;
  });
}

/** The default endpoint id: origin and path, so neither a query token nor credentials end up in events or logs. */
export function defaultEndpointId(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

export function resolveEndpoint(
  config: unknown,
  field: string,
  defaults: { timeoutMs: number; maxConcurrency: number },
): ResolvedEndpoint {
  if (!isRecord(config)) throw new ConfigError(field, 'must be an object with at least a url');
  if (typeof config.url !== 'string')
    throw new ConfigError(`${field}.url`, 'must be an absolute http(s) URL string');
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    throw new ConfigError(`${field}.url`, 'is not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${field}.url`, `must use http: or https:, not ${url.protocol}`);
  }

  const headers: Record<string, string> = {};
  if (config.headers !== undefined) {
    if (!isRecord(config.headers)) throw new ConfigError(`${field}.headers`, 'must be an object of strings');
    for (const [name, value] of Object.entries(config.headers)) {
      const lower = name.toLowerCase();
      if (!HEADER_NAME.test(name))
        throw new ConfigError(`${field}.headers.${name}`, 'is not a valid header name');
      if (RESERVED_HEADERS.has(lower))
        throw new ConfigError(`${field}.headers.${name}`, 'is set by bothooks');
      if (typeof value !== 'string' || /[\r\n\0]/.test(value)) {
        throw new ConfigError(`${field}.headers.${name}`, 'must be a string without line breaks');
      }
      headers[lower] = value;
    }
  }
  if (url.username !== '' || url.password !== '') {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization ??= `Basic ${Buffer.from(credentials).toString('base64')}`;
    url.username = '';
    url.password = '';
  }

  const secrets =
    config.secret === undefined ? [] : typeof config.secret === 'string' ? [config.secret] : config.secret;
  if (!Array.isArray(secrets))
    throw new ConfigError(`${field}.secret`, 'must be a string or an array of strings');
  const keys = secrets.map((secret: unknown, index: number) => {
    const decoded = decodeSecret(secret, { requirePrefix: true });
    const secretField = typeof config.secret === 'string' ? `${field}.secret` : `${field}.secret[${index}]`;
    if ('reason' in decoded) throw new ConfigError(secretField, decoded.reason);
    return decoded.key;
  });

  if (
    config.id !== undefined &&
    (typeof config.id !== 'string' || config.id === '' || config.id.length > 200)
  ) {
    throw new ConfigError(`${field}.id`, 'must be a string of 1 to 200 characters');
  }
  if (config.filter !== undefined && typeof config.filter !== 'function') {
    throw new ConfigError(`${field}.filter`, 'must be a function');
  }
  if (config.transform !== undefined && typeof config.transform !== 'function') {
    throw new ConfigError(`${field}.transform`, 'must be a function');
  }
  if (config.ordering !== undefined && config.ordering !== 'none' && config.ordering !== 'conversation') {
    throw new ConfigError(`${field}.ordering`, "must be 'none' or 'conversation'");
  }
  const interactions = stringList(config.interactions, `${field}.interactions`);

  return {
    id: (config.id as string | undefined) ?? defaultEndpointId(url),
    url,
    target: { origin: url.origin, path: `${url.pathname}${url.search}`, hostname: url.hostname },
    keys,
    events: compileEvents(
      stringList(config.events, `${field}.events`, EVENT_PATTERN) ?? ENDPOINT_DEFAULTS.events,
    ),
    interactions: interactions ? new Set(interactions) : undefined,
    filter: config.filter as ResolvedEndpoint['filter'],
    headers,
    ordering: (config.ordering as ResolvedEndpoint['ordering'] | undefined) ?? ENDPOINT_DEFAULTS.ordering,
    transform: config.transform as ResolvedEndpoint['transform'],
    timeoutMs: integer(config.timeoutMs, `${field}.timeoutMs`, defaults.timeoutMs, 1, 600_000),
    maxConcurrency: integer(
      config.maxConcurrency,
      `${field}.maxConcurrency`,
      defaults.maxConcurrency,
      1,
      1024,
    ),
  };
}

function compileEvents(patterns: readonly string[]): ResolvedEndpoint['events'] {
  return {
    all: patterns.includes('*'),
    exact: new Set(patterns.filter((pattern) => !pattern.endsWith('*'))),
    prefixes: patterns.filter((pattern) => pattern.endsWith('.*')).map((pattern) => pattern.slice(0, -1)),
  };
}

/** True when an endpoint's `events` patterns accept this event type. Runs for every event and endpoint. */
export function acceptsType(endpoint: ResolvedEndpoint, type: string): boolean {
  const { events } = endpoint;
  if (events.all || events.exact.has(type)) return true;
  for (const prefix of events.prefixes) if (type.startsWith(prefix)) return true;
  return false;
}

// The documented default logger; `logger: false` silences it.
const consoleLogger: Logger = {
  // biome-ignore lint/suspicious/noConsole: the default logger writes to the console by design.
  warn: (...args) => console.warn(...args),
  // biome-ignore lint/suspicious/noConsole: the default logger writes to the console by design.
  error: (...args) => console.error(...args),
};

export function resolveOptions(options: unknown): ResolvedOptions {
  if (options !== undefined && !isRecord(options)) throw new ConfigError('options', 'must be an object');
  const input = (options ?? {}) as Record<string, unknown>;

  let retryDelays: readonly number[] = DEFAULTS.retry.delays;
  let jitter: number = DEFAULTS.retry.jitter;
  let maxRetryAfterMs: number = DEFAULTS.retry.maxRetryAfterMs;
  if (input.retry === false) {
    retryDelays = [];
  } else if (input.retry !== undefined) {
    if (!isRecord(input.retry)) throw new ConfigError('retry', 'must be an object or false');
    const retry = input.retry;
    if (retry.delays !== undefined) {
      if (!Array.isArray(retry.delays) || retry.delays.length > 100) {
        throw new ConfigError('retry.delays', 'must be an array of at most 100 delays in milliseconds');
      }
      retryDelays = retry.delays.map((delay: unknown, index: number) =>
        integer(delay, `retry.delays[${index}]`, 0, 0, 7 * 24 * 3_600_000),
      );
    }
    if (retry.jitter !== undefined) {
      if (typeof retry.jitter !== 'number' || !(retry.jitter >= 0 && retry.jitter <= 1)) {
        throw new ConfigError('retry.jitter', 'must be a number from 0 to 1');
      }
      jitter = retry.jitter;
    }
    maxRetryAfterMs = integer(
      retry.maxRetryAfterMs,
      'retry.maxRetryAfterMs',
      maxRetryAfterMs,
      0,
      7 * 24 * 3_600_000,
    );
  }

  let queueMaxSize: number = DEFAULTS.queue.maxSize;
  let overflow: ResolvedOptions['overflow'] = DEFAULTS.queue.overflow;
  if (input.queue !== undefined) {
    if (!isRecord(input.queue)) throw new ConfigError('queue', 'must be an object');
    queueMaxSize = integer(input.queue.maxSize, 'queue.maxSize', queueMaxSize, 1, 10_000_000);
    if (input.queue.overflow !== undefined) {
      if (input.queue.overflow !== 'drop-newest' && input.queue.overflow !== 'drop-oldest') {
        throw new ConfigError('queue.overflow', "must be 'drop-newest' or 'drop-oldest'");
      }
      overflow = input.queue.overflow;
    }
  }

  let circuitBreaker: ResolvedOptions['circuitBreaker'] = DEFAULTS.circuitBreaker;
  if (input.circuitBreaker === false) {
    circuitBreaker = undefined;
  } else if (input.circuitBreaker !== undefined) {
    if (!isRecord(input.circuitBreaker))
      throw new ConfigError('circuitBreaker', 'must be an object or false');
    const breaker = input.circuitBreaker;
    const defaults = DEFAULTS.circuitBreaker;
    const cooldownMs = integer(
      breaker.cooldownMs,
      'circuitBreaker.cooldownMs',
      defaults.cooldownMs,
      1,
      86_400_000,
    );
    circuitBreaker = {
      failureThreshold: integer(
        breaker.failureThreshold,
        'circuitBreaker.failureThreshold',
        defaults.failureThreshold,
        1,
        1_000_000,
      ),
      cooldownMs,
      maxCooldownMs: integer(
        breaker.maxCooldownMs,
        'circuitBreaker.maxCooldownMs',
        Math.max(cooldownMs, defaults.maxCooldownMs),
        cooldownMs,
        86_400_000,
      ),
    };
  }

  if (input.blockPrivateNetworks !== undefined && typeof input.blockPrivateNetworks !== 'boolean') {
    throw new ConfigError('blockPrivateNetworks', 'must be a boolean');
  }
  if (
    input.userAgent !== undefined &&
    (typeof input.userAgent !== 'string' || /[\r\n\0]/.test(input.userAgent))
  ) {
    throw new ConfigError('userAgent', 'must be a string without line breaks');
  }
  let logger: Logger | undefined = consoleLogger;
  if (input.logger === false) logger = undefined;
  else if (input.logger !== undefined) {
    const candidate = input.logger as Partial<Logger> | null;
    if (typeof candidate?.warn !== 'function' || typeof candidate.error !== 'function') {
      throw new ConfigError('logger', 'must have warn and error methods, or be false');
    }
    logger = candidate as Logger;
  }
  if (input.endpoints !== undefined && !Array.isArray(input.endpoints)) {
    throw new ConfigError('endpoints', 'must be an array of endpoint configs');
  }
  const engine = input.engine as Partial<DeliveryEngine> | undefined;
  if (
    engine !== undefined &&
    (typeof engine !== 'object' ||
      engine === null ||
      typeof engine.start !== 'function' ||
      typeof engine.submit !== 'function')
  ) {
    throw new ConfigError('engine', 'must be a delivery engine, e.g. inlineEngine() or threadEngine()');
  }

  return {
    timeoutMs: integer(input.timeoutMs, 'timeoutMs', DEFAULTS.timeoutMs, 1, 600_000),
    retryDelays,
    jitter,
    maxRetryAfterMs,
    queueMaxSize,
    overflow,
    maxConcurrency: integer(input.maxConcurrency, 'maxConcurrency', DEFAULTS.maxConcurrency, 1, 1024),
    circuitBreaker,
    maxBodyBytes: integer(input.maxBodyBytes, 'maxBodyBytes', DEFAULTS.maxBodyBytes, 1, 100 * 1024 * 1024),
    blockPrivateNetworks: input.blockPrivateNetworks === true,
    userAgent: (input.userAgent as string | undefined) ?? DEFAULTS.userAgent,
    closeTimeoutMs: integer(input.closeTimeoutMs, 'closeTimeoutMs', DEFAULTS.closeTimeoutMs, 0, 3_600_000),
    logger,
    engine: engine as DeliveryEngine | undefined,
  };
}
