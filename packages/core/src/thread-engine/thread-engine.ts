import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';
import {
  type DeliveryEndpoint,
  type DeliveryEngine,
  type EngineHost,
  type EngineJob,
  engineInUse,
} from '../engine';
import { toError } from '../errors';
import { resolveThreadOptions, type ThreadEngineOptions } from './options';
import { applyOutcomes, type OutcomeTarget } from './outcomes';
import {
  emptyColumns,
  type FromWorker,
  type IndexedEndpoint,
  type JobColumns,
  MIN_BATCH_INTERVAL_MS,
  plainEndpoint,
  plainSettings,
  pushJob,
  type ToWorker,
} from './protocol';
import { loadWorkerSource } from './worker-source';

export type { ThreadEngineOptions } from './options';

/** Test seam: makes the running worker die the way workers really die. Not part of the public API. */
export const crashWorker: unique symbol = Symbol('bothooks.thread-engine.crash');

/** Restart delays after consecutive crashes: at once, then backing off so a crash loop cannot spin a core. */
const RESTART_DELAYS_MS = [0, 100, 500, 2_000, 10_000, 30_000];
/** A worker that ran this long without crashing resets the backoff. */
const STABLE_MS = 60_000;

/**
 * Delivers in a supervised `worker_threads` worker: signing, HTTP, retries, timers, ordering lanes and circuit
 * breakers all run there, so the caller's thread (the bot's) only routes, serialises and hands jobs over,
 * batched once per event-loop turn. Outcomes come back batched and are emitted as the same events, with the same
 * fields, as the inline engine's.
 *
 * If the worker dies (an exception, `process.exit`, out of memory), a new one starts and every job the old one
 * held is handed to it again; a job that was held by `maxCrashesPerJob` crashed workers is dropped
 * (`engine-failed`) instead. Nothing is lost silently.
 *
 * The worker is self-contained code, not a file: it works from ES modules, CommonJS and a bot bundled into one
 * file, with nothing to configure. `verify()` and `request()` stay on the caller's thread.
 *
 * @example
 * ```ts
 * const hooks = createWebhooks({ endpoints, engine: threadEngine() });
 * ```
 */
export function threadEngine(options: ThreadEngineOptions = {}): DeliveryEngine {
  return new ThreadEngine(resolveThreadOptions(options));
}

class ThreadEngine implements DeliveryEngine {
  readonly name = 'thread';

  // The engine holds endpoints' keys and headers; inspecting it shows none of them.
  [inspect.custom](): string {
    return `ThreadEngine { name: '${this.name}' }`;
  }
  private host: EngineHost | undefined;
  private worker: Worker | undefined;
  /** Endpoints by id, each with the number both threads name it by; never reused, so a late outcome is harmless. */
  private readonly endpoints = new Map<string, IndexedEndpoint>();
  private readonly endpointIds: string[] = [];
  private columns: JobColumns = emptyColumns();
  private flushScheduled = false;
  private lastFlush = 0;
  private referenced = false;
  /** Attempts in flight in the worker, by its latest report. */
  private active = 0;
  private closing = false;
  private closed: ((attempts: number[]) => void) | undefined;
  /** How many crashed workers held each job still pending. */
  private readonly crashes = new Map<number, number>();
  private consecutiveCrashes = 0;
  private startedAt = 0;
  private lastError: Error | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  // Reused for every outcome: the host reads it synchronously and keeps nothing.
  private readonly reference = { seq: 0, messageId: '', endpointId: '', eventType: '', attempts: 0 };

  /** How outcomes find their jobs: by the numbers both threads name endpoints by. */
  private readonly outcomeTarget: OutcomeTarget = {
    endpointId: (index) => this.endpointIds[index],
    reference: (host, endpointId, seq, attempts) => this.referenceTo(host, endpointId, seq, attempts),
    settled: (seq) => {
      if (this.crashes.size > 0) this.crashes.delete(seq);
    },
  };

  constructor(private readonly options: Required<ThreadEngineOptions>) {}

  start(host: EngineHost, endpoints: readonly DeliveryEndpoint[]): void {
    if (this.host) {
      throw engineInUse('thread');
    }
    this.host = host;
    for (const endpoint of endpoints) this.index(endpoint);
    this.spawn();
  }

  submit(job: EngineJob): void {
    const endpoint = this.endpoints.get(job.endpointId);
    if (!endpoint) return;
    pushJob(this.columns, job, endpoint.index);
    this.updateReference();
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // One hand-off per loop turn at most, however many jobs the bot published in it, and under load no more
    // than one per MIN_BATCH_INTERVAL_MS. The timer is not unref'd: a bot that publishes and exits at once
    // still hands its jobs over.
    const wait = this.lastFlush + MIN_BATCH_INTERVAL_MS - performance.now();
    const flush = () => {
      this.flushScheduled = false;
      this.flushJobs();
    };
    if (wait > 0) setTimeout(flush, wait);
    else setImmediate(flush);
  }

  cancel(job: EngineJob): void {
    const endpoint = this.endpoints.get(job.endpointId);
    if (endpoint) this.send({ kind: 'cancel', endpoint: endpoint.index, seq: job.seq });
  }

  addEndpoint(endpoint: DeliveryEndpoint): void {
    this.send({ kind: 'add-endpoint', endpoint: this.index(endpoint) });
  }

  removeEndpoint(endpointId: string): void {
    const endpoint = this.endpoints.get(endpointId);
    if (!endpoint) return;
    this.endpoints.delete(endpointId);
    this.send({ kind: 'remove-endpoint', endpoint: endpoint.index });
  }

  enableEndpoint(endpointId: string): void {
    const endpoint = this.endpoints.get(endpointId);
    if (endpoint) this.send({ kind: 'enable-endpoint', endpoint: endpoint.index });
  }

  close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restartTimer);
    this.columns = emptyColumns();
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    worker.ref();
    return new Promise<number[]>((resolve) => {
      const timer = setTimeout(() => void worker.terminate(), this.options.closeTimeoutMs);
      this.closed = (attempts) => {
        clearTimeout(timer);
        resolve(attempts);
      };
      worker.once('exit', () => this.closed?.([]));
      this.post(worker, { kind: 'close' });
    }).then(async (attempts) => {
      this.worker = undefined;
      this.closed = undefined;
      this.applyAttempts(attempts);
      await worker.terminate().catch(() => undefined);
    });
  }

  /** @internal Test seam: see {@link crashWorker}. */
  [crashWorker](how: 'throw' | 'exit' | 'out-of-memory'): void {
    this.send({ kind: 'crash', how });
  }

  private spawn(): void {
    const host = this.host;
    if (!host || this.closing) return;
    let worker: Worker;
    try {
      worker = new Worker(loadWorkerSource(), {
        eval: true,
        // The worker is self-contained: the bot's loaders and flags (tsx, --inspect, ...) are not its business.
        execArgv: [],
        resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
      });
    } catch (error) {
      this.crashed(toError(error));
      return;
    }
    this.worker = worker;
    this.startedAt = Date.now();
    this.lastError = undefined;
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (error) => {
      this.lastError = error;
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (this.closing) {
        this.closed?.([]);
        return;
      }
      this.crashed(this.lastError ?? new Error(`the worker exited with code ${code}`));
    });
    this.referenced = false;
    worker.unref();
    this.post(worker, {
      kind: 'start',
      settings: plainSettings(host.settings),
      endpoints: [...this.endpoints.values()],
      reportStarts: host.wantsStarts,
    });
    this.flushJobs();
  }

  private crashed(error: Error): void {
    const host = this.host;
    if (!host || this.closing) return;
    if (Date.now() - this.startedAt > STABLE_MS) this.consecutiveCrashes = 0;
    const delay = RESTART_DELAYS_MS[Math.min(this.consecutiveCrashes, RESTART_DELAYS_MS.length - 1)] ?? 0;
    this.consecutiveCrashes += 1;
    this.active = 0;
    // Whatever was not yet handed over is among the unsettled jobs handed over again below.
    this.columns = emptyColumns();
    const jobs = host.unsettled();
    let dropped = 0;
    for (const job of jobs) {
      const crashes = (this.crashes.get(job.seq) ?? 0) + 1;
      if (crashes >= this.options.maxCrashesPerJob) {
        this.crashes.delete(job.seq);
        dropped += 1;
        host.dropped(
          { ...job },
          'engine-failed',
          `the delivery worker crashed ${crashes} times while holding this message`,
        );
        continue;
      }
      this.crashes.set(job.seq, crashes);
      const endpoint = this.endpoints.get(job.endpointId);
      if (endpoint) pushJob(this.columns, job, endpoint.index);
    }
    host.problem({
      code: 'WORKER_CRASHED',
      message: `the delivery worker stopped (${error.message}); a new one takes over ${jobs.length - dropped} message(s)${dropped > 0 ? `, ${dropped} dropped` : ''}`,
      source: 'thread-engine',
    });
    this.restartTimer = setTimeout(() => this.spawn(), delay);
    // While jobs wait for the new worker, the process stays up, as it would for jobs in flight.
    if (this.columns.seq.length === 0) this.restartTimer.unref();
  }

  private send(message: ToWorker): void {
    // Jobs go first, so the worker sees every command in the order the facade gave them.
    this.flushJobs();
    if (this.worker) this.post(this.worker, message);
  }

  private flushJobs(): void {
    const worker = this.worker;
    if (!worker || this.columns.seq.length === 0) return;
    this.lastFlush = performance.now();
    this.post(worker, { kind: 'jobs', jobs: this.columns });
    // postMessage has cloned them: the same arrays take the next batch, with nothing new to allocate.
    for (const column of Object.values(this.columns) as unknown[][]) column.length = 0;
  }

  private index(endpoint: DeliveryEndpoint): IndexedEndpoint {
    const indexed = { index: this.endpointIds.length, endpoint: plainEndpoint(endpoint) };
    this.endpointIds.push(endpoint.id);
    this.endpoints.set(endpoint.id, indexed);
    return indexed;
  }

  /** Records the attempts the worker made for the jobs it still held when it closed, for `close()`'s report. */
  private applyAttempts(attempts: readonly number[]): void {
    const host = this.host;
    if (!host) return;
    for (let at = 0; at + 2 < attempts.length; at += 3) {
      const endpointId = this.endpointIds[attempts[at] as number];
      if (endpointId === undefined) continue;
      const reference = this.referenceTo(
        host,
        endpointId,
        attempts[at + 1] as number,
        attempts[at + 2] as number,
      );
      if (reference) host.started(reference);
    }
  }

  private post(worker: Worker, message: ToWorker): void {
    try {
      worker.postMessage(message);
    } catch (error) {
      this.host?.problem({
        code: 'WORKER_MESSAGE_FAILED',
        message: `could not hand a message to the delivery worker: ${toError(error).message}`,
        source: 'thread-engine',
      });
    }
  }

  private receive(message: FromWorker): void {
    if (message.kind === 'closed') {
      this.closed?.(message.attempts);
      return;
    }
    if (this.closing) return;
    this.active = message.active;
    if (this.host) applyOutcomes(message.outcomes, this.host, this.outcomeTarget);
    this.updateReference();
  }

  /** Keeps the process alive while attempts are in flight or jobs wait to be handed over; never otherwise. */
  private updateReference(): void {
    const wanted = this.active > 0 || this.columns.seq.length > 0;
    if (wanted === this.referenced || !this.worker) return;
    this.referenced = wanted;
    if (wanted) this.worker.ref();
    else this.worker.unref();
  }

  /** The job an outcome names, or undefined when it has already settled (e.g. evicted meanwhile). */
  private referenceTo(
    host: EngineHost,
    endpointId: string,
    seq: number,
    attempts: number,
  ): typeof this.reference | undefined {
    const job = host.job(endpointId, seq);
    if (!job) return undefined;
    const { reference } = this;
    reference.seq = seq;
    reference.messageId = job.messageId;
    reference.endpointId = endpointId;
    reference.eventType = job.eventType;
    reference.attempts = attempts;
    return reference;
  }
}
