import type { DeliveryEndpoint, EngineJob, EngineSettings } from '../engine';
import type { ErrorInfo } from '../events';

/**
 * The messages between the caller's thread and the delivery worker. Jobs travel in columns and outcomes as
 * one flat array of primitives per batch: structured clone copies flat primitive arrays far faster than arrays
 * of objects, and the caller's thread is the bot's.
 */
export type ToWorker =
  | {
      kind: 'start';
      settings: EngineSettings;
      endpoints: IndexedEndpoint[];
      /** Whether the caller's thread needs `started` outcomes (only `drop-oldest` does). */
      reportStarts: boolean;
    }
  | { kind: 'jobs'; jobs: JobColumns }
  | { kind: 'cancel'; endpoint: number; seq: number }
  | { kind: 'add-endpoint'; endpoint: IndexedEndpoint }
  | { kind: 'remove-endpoint'; endpoint: number }
  | { kind: 'enable-endpoint'; endpoint: number }
  | { kind: 'close' }
  /** Test seam: make the worker die the way real workers die. */
  | { kind: 'crash'; how: 'throw' | 'exit' | 'out-of-memory' };

export type FromWorker =
  | { kind: 'outcomes'; outcomes: unknown[]; active: number }
  /** After `close`: the attempts made so far for every job still held, as (endpoint, seq, attempts) triples. */
  | { kind: 'closed'; attempts: number[] };

/** An endpoint and the small number both threads name it by, instead of its id string, in every job and outcome. */
export interface IndexedEndpoint {
  index: number;
  endpoint: DeliveryEndpoint;
}

/** A batch of jobs, one array per field. The event type stays on the caller's thread, which reports outcomes. */
export interface JobColumns {
  seq: number[];
  endpoint: number[];
  messageId: string[];
  body: string[];
  /** `''` for no lane. */
  lane: string[];
  attempts: number[];
  /** `''` for none. */
  traceparent: string[];
}

export function emptyColumns(): JobColumns {
  return { seq: [], endpoint: [], messageId: [], body: [], lane: [], attempts: [], traceparent: [] };
}

export function pushJob(columns: JobColumns, job: EngineJob, endpoint: number): void {
  columns.seq.push(job.seq);
  columns.endpoint.push(endpoint);
  columns.messageId.push(job.messageId);
  columns.body.push(job.body);
  columns.lane.push(job.lane ?? '');
  columns.attempts.push(job.attempts);
  columns.traceparent.push(job.traceparent ?? '');
}

/**
 * Outcome records in the flat array: a kind, then a fixed number of fields for that kind. Job outcomes name the
 * job by endpoint index and `seq`; the caller's thread has the rest (message id, type, body) in its ledger.
 */
export const Outcome = {
  /** endpoint, seq, attempts (only when the caller asked for starts) */
  started: 0,
  /** endpoint, seq, attempts, status, durationMs */
  delivered: 1,
  /** endpoint, seq, attempts, code, message, status (or -1), delayMs, durationMs */
  retrying: 2,
  /** endpoint, seq, attempts, code, message, status (or -1), durationMs */
  failed: 3,
  /** endpoint, seq, attempts, reason, message */
  dropped: 4,
  /** endpoint, code, message, status (or -1) */
  disabled: 5,
  /** endpoint, open (1) or closed (0), cooldownMs */
  circuit: 6,
  /** code, message, source, severity */
  problem: 7,
} as const;

/**
 * Batches go out once per event-loop turn, but no more often than this: under load each message then carries
 * many jobs or outcomes, and the fixed cost of a message (waking the other thread, cloning) is paid once for all.
 */
export const MIN_BATCH_INTERVAL_MS = 2;

export function pushError(outcomes: unknown[], error: ErrorInfo): void {
  outcomes.push(error.code, error.message, error.status ?? -1);
}

export function readError(outcomes: readonly unknown[], at: number): ErrorInfo {
  const status = outcomes[at + 2] as number;
  return {
    code: outcomes[at] as string,
    message: outcomes[at + 1] as string,
    ...(status !== -1 && { status }),
  };
}

/** The plain-data part of an endpoint; the resolved endpoint also holds a URL, sets and functions. */
export function plainEndpoint(endpoint: DeliveryEndpoint): DeliveryEndpoint {
  return {
    id: endpoint.id,
    target: {
      origin: endpoint.target.origin,
      path: endpoint.target.path,
      hostname: endpoint.target.hostname,
    },
    keys: endpoint.keys.map((key) => Uint8Array.from(key)),
    headers: { ...endpoint.headers },
    timeoutMs: endpoint.timeoutMs,
    maxConcurrency: endpoint.maxConcurrency,
    ordering: endpoint.ordering,
  };
}

/** Only the settings: the facade's resolved options also hold a logger and the engine itself. */
export function plainSettings(settings: EngineSettings): EngineSettings {
  return {
    retryDelays: [...settings.retryDelays],
    jitter: settings.jitter,
    maxRetryAfterMs: settings.maxRetryAfterMs,
    circuitBreaker: settings.circuitBreaker && { ...settings.circuitBreaker },
    userAgent: settings.userAgent,
    blockPrivateNetworks: settings.blockPrivateNetworks,
  };
}
