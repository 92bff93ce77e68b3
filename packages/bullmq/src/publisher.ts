import type { EngineHost, EngineJob, JobReference } from '@bothooks/core/engine';
import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type EngineKeys, laneKey, orderedJobId, unorderedJobId } from './keys';
import type { Scripts } from './scripts';

/** A job handed over by the facade and not yet stored. */
interface Unstored {
  readonly job: EngineJob;
  /** Set at submit (unordered) or once its lane number is allocated (ordered); kept for every retry. */
  jobId: string | undefined;
  readonly lane: string | undefined;
  laneSeq: number | undefined;
  cancelled: boolean;
}

/** What the data of a job in Redis holds: the body and what routing needs, never an endpoint's secrets. */
export interface StoredJobData {
  /** The event type. */
  t: string;
  /** The exact body to sign and send. */
  b: string;
  /** The hashed lane and the job's number in it (`ordering: 'conversation'`). */
  l?: string;
  n?: number;
  /** The W3C `traceparent` of the context the event was published in (OpenTelemetry), sent with every attempt. */
  p?: string;
}

/** What every endpoint's publisher shares. */
export interface PublisherContext {
  readonly host: EngineHost;
  readonly producer: Redis;
  readonly scripts: Scripts;
  readonly keys: EngineKeys;
  readonly instanceId: string;
  readonly batchSize: number;
  readonly retryMaxDelayMs: number;
  /** The options every job is added with (attempts, backoff, retention). */
  readonly jobOptions: JobsOptions;
  /** Reports a failed store, once per outage. */
  unavailable(error: unknown): void;
  /** Calls back once the producer connection is ready again. */
  whenReady(callback: () => void): void;
  /** A store succeeded: any outage is over. */
  available(): void;
}

const FIRST_RETRY_MS = 100;

/**
 * Stores one endpoint's jobs in its BullMQ queue, off the caller's stack: jobs submitted in one loop turn go in
 * one `addBulk` (up to `batchSize`), one batch in flight at a time so that a conversation's jobs reach Redis in
 * publish order. Every job id is fixed before its first store attempt, so storing a batch again after an unknown
 * outcome (a timeout, a dropped connection) cannot create a second job.
 *
 * While Redis is away, jobs wait here in memory: the facade's `queue.maxSize` bounds them, since a job counts
 * against it until stored, and refuses (reports as `dropped`) what does not fit. When Redis is back they are
 * stored by themselves, oldest first.
 */
export class EndpointPublisher {
  private buffer: Unstored[] = [];
  private inFlight = false;
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs = FIRST_RETRY_MS;
  private waitingForReady = false;
  private closed = false;

  constructor(
    private readonly queue: () => Queue,
    private readonly queueName: string,
    private readonly context: PublisherContext,
  ) {}

  /** Jobs not yet stored. */
  get pending(): number {
    return this.buffer.length;
  }

  submit(job: EngineJob): void {
    if (this.closed) return;
    const lane = job.lane === undefined ? undefined : laneKey(job.lane);
    this.buffer.push({
      job,
      jobId: lane === undefined ? unorderedJobId(this.context.instanceId, job.seq) : undefined,
      lane,
      laneSeq: undefined,
      cancelled: false,
    });
    this.schedule();
  }

  /** Forgets a job the facade evicted; one in the batch being stored is past recall (and marked in flight). */
  cancel(seq: number): void {
    for (const entry of this.buffer) {
      if (entry.job.seq === seq) entry.cancelled = true;
    }
  }

  /** Stops storing; what is still here is the facade's to report. */
  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.buffer = [];
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight || this.retryTimer) return;
    this.scheduled = true;
    // Never on the publisher's stack: publish() is the bot's hot path.
    setImmediate(() => {
      this.scheduled = false;
      void this.storeNext();
    });
  }

  private async storeNext(): Promise<void> {
    if (this.closed || this.inFlight) return;
    this.buffer = this.buffer.filter((entry) => !entry.cancelled);
    if (this.buffer.length === 0) return;
    const { producer } = this.context;
    if (producer.status !== 'ready') {
      this.waitForReady();
      return;
    }
    const batch = this.buffer.slice(0, this.context.batchSize);
    this.inFlight = true;
    // In flight: the facade's drop-oldest must not evict what may already be in Redis.
    for (const entry of batch) this.context.host.started(entry.job);
    try {
      await this.allocate(batch);
      await this.queue().addBulk(batch.map((entry) => this.toBulkJob(entry)));
    } catch (error) {
      this.inFlight = false;
      if (this.closed) return;
      this.context.unavailable(error);
      this.retryLater();
      return;
    }
    this.inFlight = false;
    this.retryDelayMs = FIRST_RETRY_MS;
    this.context.available();
    this.buffer.splice(0, batch.length);
    this.context.host.stored(batch.map((entry) => reference(entry.job)));
    if (!this.closed) this.schedule();
  }

  /** Numbers the batch's ordered jobs in their lanes, one script call for all lanes. */
  private async allocate(batch: readonly Unstored[]): Promise<void> {
    const byLane = new Map<string, Unstored[]>();
    for (const entry of batch) {
      if (entry.lane === undefined || entry.laneSeq !== undefined) continue;
      const entries = byLane.get(entry.lane);
      if (entries) entries.push(entry);
      else byLane.set(entry.lane, [entry]);
    }
    if (byLane.size === 0) return;
    const lanes = [...byLane.entries()];
    const { keys, scripts } = this.context;
    const lasts = await scripts.allocate(
      lanes.map(([lane, entries]) => ({
        seqKey: keys.laneSeq(this.queueName, lane),
        nextKey: keys.laneNext(this.queueName, lane),
        count: entries.length,
      })),
    );
    lanes.forEach(([lane, entries], index) => {
      const last = Number(lasts[index]);
      entries.forEach((entry, position) => {
        entry.laneSeq = last - entries.length + 1 + position;
        entry.jobId = orderedJobId(lane, entry.laneSeq);
      });
    });
  }

  private toBulkJob(entry: Unstored): { name: string; data: StoredJobData; opts: JobsOptions } {
    const data: StoredJobData = { t: entry.job.eventType, b: entry.job.body };
    if (entry.job.traceparent) data.p = entry.job.traceparent;
    if (entry.lane !== undefined && entry.laneSeq !== undefined) {
      data.l = entry.lane;
      data.n = entry.laneSeq;
    }
    return { name: entry.job.messageId, data, opts: { ...this.context.jobOptions, jobId: entry.jobId } };
  }

  private retryLater(): void {
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.context.retryMaxDelayMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.storeNext();
    }, delay);
    // Jobs waiting for Redis do not keep the process alive by themselves; flush() and close() do, while awaited.
    this.retryTimer.unref();
    this.waitForReady();
  }

  /** Stores as soon as the connection is back, rather than at the next retry tick. */
  private waitForReady(): void {
    if (this.waitingForReady) return;
    this.waitingForReady = true;
    this.context.whenReady(() => {
      this.waitingForReady = false;
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      this.schedule();
    });
  }
}

function reference(job: EngineJob): JobReference {
  return {
    seq: job.seq,
    messageId: job.messageId,
    endpointId: job.endpointId,
    eventType: job.eventType,
    attempts: 0,
  };
}
