import type { DeliveryEndpoint, DeliveryEngine, EngineSettings } from './engine';
import type { WebhookEvent } from './event';
import type { RetryOptions } from './retry';

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
   * produce several space-separated signatures. Required unless `unsigned: true`: an unset environment variable
   * (`undefined`), an empty string or an empty list is an error, never a silent switch to unsigned webhooks.
   */
  secret?: string | readonly string[] | undefined;
  /**
   * Send this endpoint's webhooks without a signature, on purpose (a receiver that cannot verify). Cannot be
   * combined with `secret`.
   * @default false
   */
  unsigned?: boolean;
  /**
   * Event types to send; `message.*` matches every message event and `*` everything. Each name must be a known
   * event type (or one declared in the instance's `customEventTypes`): a misspelled type is an error.
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
  /**
   * Extra request headers, e.g. a tenant or an API key. The `webhook-*`, `content-type`, `user-agent`, `host`,
   * `content-length`, `expect` and hop-by-hop headers (`connection`, `keep-alive`, `proxy-*`, `te`, `trailer`,
   * `transfer-encoding`, `upgrade`) are refused.
   * @default {}
   */
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
  /**
   * Event types of your own that you `publish()` besides the built-in ones (`order.created`), so endpoints may
   * name them in `events`.
   * @default []
   */
  customEventTypes?: readonly string[];
  /**
   * With `@opentelemetry/api` installed (an optional peer dependency), each delivery attempt is a client span
   * (linked to, and a child of, the span active when the event was published, whose `traceparent` is sent along),
   * and delivered / failed / dropped counters, an attempt-latency histogram and a queue-depth gauge are recorded.
   * `false` turns it off; without the package there is nothing to turn off.
   * @default true
   */
  telemetry?: boolean;
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
  /** Every event type an endpoint may name: the built-in ones and `customEventTypes`. */
  readonly eventTypes: readonly string[];
  readonly timeoutMs: number;
  readonly queueMaxSize: number;
  readonly overflow: 'drop-newest' | 'drop-oldest';
  readonly maxConcurrency: number;
  readonly maxBodyBytes: number;
  readonly closeTimeoutMs: number;
  readonly logger: Logger | undefined;
  readonly engine: DeliveryEngine | undefined;
  readonly telemetry: boolean;
}
