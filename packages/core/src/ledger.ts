import type { EngineJob } from './engine';
import type { ErrorInfo } from './events';
import type { PublishTrace } from './telemetry';

/** A job handed to the engine and not yet settled, as the facade tracks it. */
export interface PendingJob extends EngineJob {
  attempts: number;
  lastError: ErrorInfo | undefined;
  /** Whether an attempt is in flight, as far as the engine has said (tracked only for `drop-oldest`). */
  inFlight: boolean;
  /** The span active at publish time, with OpenTelemetry. */
  trace: PublishTrace | undefined;
}

/** What admitting a job did. */
export type Admission = { admitted: true; evicted?: PendingJob } | { admitted: false };

/**
 * Every job handed to the engine and not yet settled, per endpoint and in publish order. It is what bounds the
 * queue across the engine boundary (a job counts until the engine settles it, wherever it runs), and what
 * `flush()`, `close()`'s report, `endpoints()` and an engine's recovery read.
 */
export class Ledger {
  private readonly byEndpoint = new Map<string, Map<number, PendingJob>>();
  private lastSeq = 0;

  constructor(
    private readonly maxSize: number,
    private readonly overflow: 'drop-newest' | 'drop-oldest',
  ) {}

  /** The sequence number of the latest job (0 before any). */
  get mark(): number {
    return this.lastSeq;
  }

  nextSeq(): number {
    this.lastSeq += 1;
    return this.lastSeq;
  }

  addEndpoint(endpointId: string): void {
    if (!this.byEndpoint.has(endpointId)) this.byEndpoint.set(endpointId, new Map());
  }

  /** Forgets an endpoint and returns its unsettled jobs, oldest first. */
  removeEndpoint(endpointId: string): PendingJob[] {
    const jobs = this.byEndpoint.get(endpointId);
    this.byEndpoint.delete(endpointId);
    return jobs ? [...jobs.values()] : [];
  }

  /**
   * Counts a job in, unless the endpoint's queue is full: then `drop-newest` refuses it, and `drop-oldest` evicts
   * the oldest job not in flight to make room (refusing the new one only when every job is in flight).
   */
  admit(job: PendingJob): Admission {
    const jobs = this.byEndpoint.get(job.endpointId);
    if (!jobs) return { admitted: false };
    let evicted: PendingJob | undefined;
    if (jobs.size >= this.maxSize) {
      if (this.overflow === 'drop-newest') return { admitted: false };
      for (const candidate of jobs.values()) {
        if (!candidate.inFlight) {
          evicted = candidate;
          break;
        }
      }
      if (!evicted) return { admitted: false };
      jobs.delete(evicted.seq);
    }
    jobs.set(job.seq, job);
    return evicted ? { admitted: true, evicted } : { admitted: true };
  }

  get(endpointId: string, seq: number): PendingJob | undefined {
    return this.byEndpoint.get(endpointId)?.get(seq);
  }

  /** Settles a job; returns it, or undefined when it was not pending (already settled or evicted). */
  settle(endpointId: string, seq: number): PendingJob | undefined {
    const jobs = this.byEndpoint.get(endpointId);
    const job = jobs?.get(seq);
    if (job) jobs?.delete(seq);
    return job;
  }

  /** Unsettled jobs of an endpoint. */
  count(endpointId: string): number {
    return this.byEndpoint.get(endpointId)?.size ?? 0;
  }

  /** Unsettled jobs published up to `mark`. */
  countUpTo(mark: number): number {
    let count = 0;
    for (const jobs of this.byEndpoint.values()) {
      for (const job of jobs.values()) {
        if (job.seq > mark) break; // each endpoint's jobs are in publish order
        count += 1;
      }
    }
    return count;
  }

  /** The sequence number of the oldest unsettled job, or Infinity. Runs after settlements: no allocation. */
  oldestSeq(): number {
    let oldest = Number.POSITIVE_INFINITY;
    for (const jobs of this.byEndpoint.values()) {
      for (const job of jobs.values()) {
        if (job.seq < oldest) oldest = job.seq;
        break; // the first is the oldest
      }
    }
    return oldest;
  }

  /** Unsettled jobs per endpoint. */
  *depths(): IterableIterator<[string, number]> {
    for (const [endpointId, jobs] of this.byEndpoint) yield [endpointId, jobs.size];
  }

  /** Every unsettled job, in publish order. */
  all(): PendingJob[] {
    const jobs: PendingJob[] = [];
    for (const endpointJobs of this.byEndpoint.values()) jobs.push(...endpointJobs.values());
    return jobs.sort((left, right) => left.seq - right.seq);
  }
}
