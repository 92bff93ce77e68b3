import type { ErrorReportCode } from './error-codes';
import { BothooksError } from './errors';
import type { DropReason, ErrorInfo } from './events';

/**
 * What an engine needs of an endpoint to deliver to it: plain data that survives `postMessage` and that a durable
 * engine can rebuild in another process from the same configuration. `filter`, `transform` and the rest of the
 * routing stay with the `Webhooks` facade on the caller's thread.
 */
export interface DeliveryEndpoint {
  readonly id: string;
  /** The URL split the way the HTTP client takes it: `origin` is `http://host:port`, `path` includes the query. */
  readonly target: { readonly origin: string; readonly path: string; readonly hostname: string };
  /** Decoded signing keys (none: requests are sent unsigned). */
  readonly keys: readonly Uint8Array[];
  /** Extra request headers, lower-cased; URL credentials are already an `authorization` header here. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxConcurrency: number;
  readonly ordering: 'none' | 'conversation';
}

/** The delivery settings of a `Webhooks` instance: plain data, like {@link DeliveryEndpoint}. */
export interface EngineSettings {
  /** Delays before each retry, in ms; `[]` means a single attempt. */
  readonly retryDelays: readonly number[];
  /** ±fraction applied to each delay. */
  readonly jitter: number;
  /** The longest wait a `Retry-After` answer can impose, in ms. */
  readonly maxRetryAfterMs: number;
  readonly circuitBreaker:
    | { readonly failureThreshold: number; readonly cooldownMs: number; readonly maxCooldownMs: number }
    | undefined;
  readonly userAgent: string;
  readonly blockPrivateNetworks: boolean;
}

/**
 * One message bound for one endpoint, as the facade hands it over: the exact body to sign and send, already
 * routed, filtered, transformed, serialised and size-checked. Plain data, so a worker thread or Redis can hold it.
 */
export interface EngineJob {
  /** Unique within one `Webhooks` instance, increasing in publish order; outcomes name their job by it. */
  readonly seq: number;
  /** The `webhook-id`, the same for every attempt. */
  readonly messageId: string;
  readonly endpointId: string;
  readonly eventType: string;
  readonly body: string;
  /** The ordering lane (platform and conversation) when the endpoint orders deliveries. */
  readonly lane: string | undefined;
  /** Attempts already made, when a job is handed over again (after a worker crash). */
  readonly attempts: number;
  /**
   * The W3C `traceparent` of the context the event was published in (OpenTelemetry): engines send it as a header
   * of every attempt, so receivers can continue the trace. Absent without a span, or without OpenTelemetry.
   */
  readonly traceparent?: string | undefined;
}

/**
 * The job an outcome is about. `seq` is absent for a job this instance did not hand over: a durable engine's
 * worker delivering what another process published.
 */
export interface JobReference {
  readonly seq?: number | undefined;
  readonly messageId: string;
  readonly endpointId: string;
  readonly eventType: string;
  /** Attempts made so far, this one included. */
  readonly attempts: number;
  /**
   * The body, for `failed` and `dropped` events about a job this instance did not hand over (it has no copy).
   * Optional: for the instance's own jobs the host has it.
   */
  readonly body?: string | undefined;
}

/** Something an engine reports that is not a delivery outcome (a worker restart, a storage problem). */
export interface EngineProblem {
  code: ErrorReportCode;
  message: string;
  /** Where it happened, e.g. `thread-engine`. */
  source: string;
  severity?: 'error' | 'warning';
  endpointId?: string;
  messageId?: string;
}

/**
 * What the `Webhooks` facade gives an engine: its settings, the outcomes it wants to hear, and a view of the
 * jobs handed over and not yet settled. Every method is synchronous and never throws.
 *
 * A job is settled for the facade by `delivered`, `failed`, `dropped` or `stored` (a durable engine has it safe);
 * `retrying` and `started` only update it. An outcome naming a job that is already settled is ignored, so an
 * engine may report a job it was told to cancel.
 */
export interface EngineHost {
  readonly settings: EngineSettings;
  /**
   * Whether `started` must be reported as it happens: only with `queue.overflow: 'drop-oldest'`, which never
   * evicts a delivery in flight. Otherwise an engine that batches its reports may skip it, as long as the attempts
   * it reports with later outcomes (and at `close()`) are right.
   */
  readonly wantsStarts: boolean;
  /** An attempt of a job started. The reference is read at once and never kept, so engines may reuse one object. */
  started(job: JobReference): void;
  delivered(job: JobReference, status: number, durationMs: number): void;
  /** An attempt failed and another is scheduled; `durationMs` is how long the failed attempt took. */
  retrying(job: JobReference, error: ErrorInfo, delayMs: number, durationMs?: number): void;
  /** The job finally failed; `durationMs` is how long its last attempt took. */
  failed(job: JobReference, error: ErrorInfo, durationMs?: number): void;
  dropped(job: JobReference, reason: DropReason, message: string): void;
  /** A durable engine stored these jobs; with `settle` (the default) the facade's part of them is done. */
  stored(jobs: readonly JobReference[], settle?: boolean): void;
  endpointDisabled(endpointId: string, error: ErrorInfo): void;
  /**
   * An endpoint was re-enabled elsewhere (a durable engine's other process called `enableEndpoint`): this
   * instance routes to it again. Optional, so hosts built before it still satisfy the interface.
   */
  endpointEnabled?(endpointId: string): void;
  circuit(endpointId: string, state: 'open' | 'closed', cooldownMs: number): void;
  problem(problem: EngineProblem): void;
  /** A job handed over and not yet settled, or undefined. */
  job(endpointId: string, seq: number): EngineJob | undefined;
  /** Every job handed over and not yet settled, in publish order: what an engine re-hands after losing its state. */
  unsettled(): EngineJob[];
}

/**
 * Where deliveries run. The `Webhooks` facade does everything that must happen on the caller's thread
 * (validation, routing, `filter`, `transform`, serialisation, ids, the queue bound) and hands plain
 * {@link EngineJob}s to an engine; the engine signs, sends, retries, orders, breaks circuits and reports each
 * outcome back through its {@link EngineHost}.
 *
 * Built-in engines: `inlineEngine()` (the caller's event loop) and `threadEngine()` (a supervised worker thread);
 * `bullmqEngine()` from `@bothooks/bullmq` is durable on Redis. One engine instance serves one `Webhooks`.
 */
export interface DeliveryEngine {
  /** A short name for logs and errors, e.g. `inline`. */
  readonly name: string;
  /** Called once, by `createWebhooks`, before anything else. May throw a `ConfigError`. */
  start(host: EngineHost, endpoints: readonly DeliveryEndpoint[]): void;
  /** Takes a job. Must not do I/O on the caller's stack: it is the bot's hot path. */
  submit(job: EngineJob): void;
  /** Forgets a job the facade evicted (`drop-oldest`); an attempt in flight is aborted. Reports nothing. */
  cancel(job: EngineJob): void;
  addEndpoint(endpoint: DeliveryEndpoint): void;
  /** Forgets an endpoint and its jobs, aborting attempts in flight. Reports nothing: the facade reports the drops. */
  removeEndpoint(endpointId: string): void;
  /** Re-enables an endpoint disabled by a 410 or `webhook-delivery: disable`, with a closed circuit. */
  enableEndpoint(endpointId: string): void;
  /**
   * Stops: cancels every job (reporting nothing; the facade reports what was not delivered), releases sockets,
   * threads and connections. Resolves when done; never rejects.
   */
  close(): Promise<void>;
}

/**
 * The error an engine's `start()` throws when it already serves a `Webhooks` instance: an engine holds one
 * instance's jobs and state, so each `createWebhooks` call needs its own.
 */
export function engineInUse(engine: string): BothooksError {
  return new BothooksError(
    'ENGINE_IN_USE',
    `this ${engine} engine already serves another Webhooks instance; create one engine per createWebhooks() call`,
  );
}
