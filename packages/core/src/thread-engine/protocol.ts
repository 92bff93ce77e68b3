import type { DeliveryEndpoint, EngineJob, EngineProblem, EngineSettings } from '../engine';
import type { DropReason, ErrorInfo } from '../events';

/**
 * The messages between the caller's thread and the delivery worker. Jobs travel in columns and outcomes as
 * one flat array of primitives per batch: structured clone copies flat primitive arrays far faster than arrays
 * of objects, and the caller's thread is the bot's.
 */
export type ToWorker =
  | { kind: 'start'; settings: EngineSettings; endpoints: DeliveryEndpoint[] }
  | { kind: 'jobs'; jobs: JobColumns }
  | { kind: 'cancel'; endpointId: string; seq: number }
  | { kind: 'add-endpoint'; endpoint: DeliveryEndpoint }
  | { kind: 'remove-endpoint'; endpointId: string }
  | { kind: 'enable-endpoint'; endpointId: string }
  | { kind: 'close' }
  /** Test seam: make the worker die the way real workers die. */
  | { kind: 'crash'; how: 'throw' | 'exit' | 'out-of-memory' };

export type FromWorker = { kind: 'outcomes'; outcomes: unknown[]; active: number } | { kind: 'closed' };

/** A batch of jobs, one array per field. */
export interface JobColumns {
  seq: number[];
  messageId: string[];
  endpointId: string[];
  eventType: string[];
  body: string[];
  /** `''` for no lane. */
  lane: string[];
  attempts: number[];
}

export function emptyColumns(): JobColumns {
  return { seq: [], messageId: [], endpointId: [], eventType: [], body: [], lane: [], attempts: [] };
}

export function pushJob(columns: JobColumns, job: EngineJob): void {
  columns.seq.push(job.seq);
  columns.messageId.push(job.messageId);
  columns.endpointId.push(job.endpointId);
  columns.eventType.push(job.eventType);
  columns.body.push(job.body);
  columns.lane.push(job.lane ?? '');
  columns.attempts.push(job.attempts);
}

export function jobAt(columns: JobColumns, index: number): EngineJob {
  const lane = columns.lane[index] as string;
  return {
    seq: columns.seq[index] as number,
    messageId: columns.messageId[index] as string,
    endpointId: columns.endpointId[index] as string,
    eventType: columns.eventType[index] as string,
    body: columns.body[index] as string,
    lane: lane === '' ? undefined : lane,
    attempts: columns.attempts[index] as number,
  };
}

/**
 * Outcome records in the flat array: a kind, then a fixed number of fields for that kind. Job outcomes name the
 * job by endpoint id and `seq`; the caller's thread has the rest (message id, type, body) in its ledger.
 */
export const Outcome = {
  /** endpointId, seq, attempts */
  started: 0,
  /** endpointId, seq, attempts, status, durationMs */
  delivered: 1,
  /** endpointId, seq, attempts, code, message, status (or -1), delayMs */
  retrying: 2,
  /** endpointId, seq, attempts, code, message, status (or -1) */
  failed: 3,
  /** endpointId, seq, attempts, reason, message */
  dropped: 4,
  /** endpointId, code, message, status (or -1) */
  disabled: 5,
  /** endpointId, open (1) or closed (0), cooldownMs */
  circuit: 6,
  /** code, message, source, severity */
  problem: 7,
} as const;

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

export type { DropReason, EngineProblem };
