import { parentPort } from 'node:worker_threads';
import type {
  DeliveryEngine,
  EngineHost,
  EngineJob,
  EngineProblem,
  EngineSettings,
  JobReference,
} from '../engine';
import type { DropReason, ErrorInfo } from '../events';
import { inlineEngine } from '../inline-engine';
import {
  type FromWorker,
  type IndexedEndpoint,
  type JobColumns,
  MIN_BATCH_INTERVAL_MS,
  Outcome,
  pushError,
  type ToWorker,
} from './protocol';

/** A job as the worker tracks it for the caller's thread: where it is, and how many attempts it has had. */
interface Held {
  endpoint: number;
  attempts: number;
  inFlight: boolean;
}

/**
 * The delivery worker: the inline engine, running on its own event loop, with a host that sends every outcome
 * back to the caller's thread in batches.
 */
class BatchingHost implements EngineHost {
  private outcomes: unknown[] = [];
  private scheduled = false;
  private lastPost = 0;
  /** Every job held, by `seq`: its attempts for `close()`'s report, and whether an attempt is in flight. */
  private readonly held = new Map<number, Held>();
  /** Attempts in flight: what keeps the caller's process alive, as the inline engine's sockets would. */
  private inFlight = 0;

  /** The inline engine inside reports every start; this host decides which to pass on. */
  readonly wantsStarts = true;

  constructor(
    readonly settings: EngineSettings,
    private readonly reportStarts: boolean,
    private readonly indexOf: (endpointId: string) => number,
    private readonly post: (message: FromWorker) => void,
  ) {}

  /** A job arrived from the caller's thread. */
  received(seq: number, endpoint: number, attempts: number): void {
    this.held.set(seq, { endpoint, attempts, inFlight: false });
  }

  /** After a batch of jobs: tell the caller's thread how many attempts it started. */
  afterBatch(): void {
    this.schedule();
  }

  started(job: JobReference): void {
    const held = job.seq === undefined ? undefined : this.held.get(job.seq);
    if (held) {
      held.attempts = job.attempts;
      if (!held.inFlight) this.inFlight += 1;
      held.inFlight = true;
    }
    if (this.reportStarts)
      this.outcomes.push(Outcome.started, this.indexOf(job.endpointId), job.seq, job.attempts);
    this.schedule();
  }

  delivered(job: JobReference, status: number, durationMs: number): void {
    this.release(job, true);
    this.outcomes.push(
      Outcome.delivered,
      this.indexOf(job.endpointId),
      job.seq,
      job.attempts,
      status,
      durationMs,
    );
  }

  retrying(job: JobReference, error: ErrorInfo, delayMs: number, durationMs = 0): void {
    this.release(job, false);
    this.outcomes.push(Outcome.retrying, this.indexOf(job.endpointId), job.seq, job.attempts);
    pushError(this.outcomes, error);
    this.outcomes.push(delayMs, Math.round(durationMs));
  }

  failed(job: JobReference, error: ErrorInfo, durationMs = 0): void {
    this.release(job, true);
    this.outcomes.push(Outcome.failed, this.indexOf(job.endpointId), job.seq, job.attempts);
    pushError(this.outcomes, error);
    this.outcomes.push(Math.round(durationMs));
  }

  dropped(job: JobReference, reason: DropReason, message: string): void {
    this.release(job, true);
    this.outcomes.push(Outcome.dropped, this.indexOf(job.endpointId), job.seq, job.attempts, reason, message);
  }

  stored(): void {
    // The inline engine never stores.
  }

  endpointDisabled(endpointId: string, error: ErrorInfo): void {
    this.outcomes.push(Outcome.disabled, this.indexOf(endpointId));
    pushError(this.outcomes, error);
    this.schedule();
  }

  circuit(endpointId: string, state: 'open' | 'closed', cooldownMs: number): void {
    this.outcomes.push(Outcome.circuit, this.indexOf(endpointId), state === 'open' ? 1 : 0, cooldownMs);
    this.schedule();
  }

  problem(problem: EngineProblem): void {
    this.outcomes.push(
      Outcome.problem,
      problem.code,
      problem.message,
      problem.source,
      problem.severity ?? 'error',
    );
    this.schedule();
  }

  job(): EngineJob | undefined {
    return undefined;
  }

  unsettled(): EngineJob[] {
    return [];
  }

  /** A job cancelled without an outcome (an eviction). */
  forget(seq: number): void {
    const held = this.held.get(seq);
    if (!held) return;
    this.held.delete(seq);
    if (held.inFlight) this.inFlight -= 1;
    this.schedule();
  }

  /** An endpoint removed with its jobs. */
  forgetEndpoint(endpoint: number): void {
    for (const [seq, held] of this.held) if (held.endpoint === endpoint) this.forget(seq);
  }

  /** The (endpoint, seq, attempts) of every job still held, and forgets them all. */
  drainAttempts(): number[] {
    const attempts: number[] = [];
    for (const [seq, held] of this.held) attempts.push(held.endpoint, seq, held.attempts);
    this.held.clear();
    this.inFlight = 0;
    return attempts;
  }

  /** An attempt ended; with `settled`, its job is no longer held. */
  private release(job: JobReference, settled: boolean): void {
    const held = job.seq === undefined ? undefined : this.held.get(job.seq);
    if (held) {
      held.attempts = job.attempts;
      if (held.inFlight) this.inFlight -= 1;
      held.inFlight = false;
      if (settled && job.seq !== undefined) this.held.delete(job.seq);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = this.lastPost + MIN_BATCH_INTERVAL_MS - performance.now();
    if (wait > 0) setTimeout(() => this.flush(), wait);
    else setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    this.lastPost = performance.now();
    const outcomes = this.outcomes;
    this.outcomes = [];
    this.post({ kind: 'outcomes', outcomes, active: this.inFlight });
  }
}

function run(): void {
  const port = parentPort;
  if (!port) throw new Error('the bothooks delivery worker must run in a worker thread');
  const post = (message: FromWorker) => port.postMessage(message);
  let host: BatchingHost | undefined;
  let engine: DeliveryEngine | undefined;
  const ids = new Map<number, string>();
  const indexes = new Map<string, number>();
  const addEndpoint = ({ index, endpoint }: IndexedEndpoint) => {
    ids.set(index, endpoint.id);
    indexes.set(endpoint.id, index);
  };

  const submit = (jobs: JobColumns) => {
    if (!host || !engine) return;
    for (let at = 0; at < jobs.seq.length; at += 1) {
      const seq = jobs.seq[at] as number;
      const endpoint = jobs.endpoint[at] as number;
      const attempts = jobs.attempts[at] as number;
      const endpointId = ids.get(endpoint);
      if (endpointId === undefined) continue;
      const lane = jobs.lane[at] as string;
      const traceparent = jobs.traceparent[at] as string;
      host.received(seq, endpoint, attempts);
      engine.submit({
        seq,
        endpointId,
        messageId: jobs.messageId[at] as string,
        eventType: '',
        body: jobs.body[at] as string,
        lane: lane === '' ? undefined : lane,
        attempts,
        traceparent: traceparent === '' ? undefined : traceparent,
      });
    }
    // After the engine's own pump (scheduled first, so it runs first): the report counts what started.
    host.afterBatch();
  };

  port.on('message', (message: ToWorker) => {
    switch (message.kind) {
      case 'start': {
        for (const endpoint of message.endpoints) addEndpoint(endpoint);
        host = new BatchingHost(message.settings, message.reportStarts, (id) => indexes.get(id) ?? -1, post);
        engine = inlineEngine();
        engine.start(
          host,
          message.endpoints.map(({ endpoint }) => endpoint),
        );
        return;
      }
      case 'jobs':
        submit(message.jobs);
        return;
      case 'cancel': {
        const endpointId = ids.get(message.endpoint);
        if (endpointId !== undefined) engine?.cancel({ seq: message.seq, endpointId } as EngineJob);
        host?.forget(message.seq);
        return;
      }
      case 'add-endpoint':
        addEndpoint(message.endpoint);
        engine?.addEndpoint(message.endpoint.endpoint);
        return;
      case 'remove-endpoint': {
        const endpointId = ids.get(message.endpoint);
        if (endpointId !== undefined) engine?.removeEndpoint(endpointId);
        host?.forgetEndpoint(message.endpoint);
        return;
      }
      case 'enable-endpoint': {
        const endpointId = ids.get(message.endpoint);
        if (endpointId !== undefined) engine?.enableEndpoint(endpointId);
        return;
      }
      case 'close': {
        const attempts = host?.drainAttempts() ?? [];
        void (engine?.close() ?? Promise.resolve()).then(() => post({ kind: 'closed', attempts }));
        return;
      }
      case 'crash':
        crash(message.how);
        return;
    }
  });
}

function crash(how: 'throw' | 'exit' | 'out-of-memory'): void {
  if (how === 'exit') process.exit(3);
  if (how === 'throw') {
    setImmediate(() => {
      throw new Error('the delivery worker crashed (test)');
    });
    return;
  }
  const hog: string[][] = [];
  const grow = (): void => {
    for (let index = 0; index < 200; index += 1) hog.push(new Array(100_000).fill('x'));
    setImmediate(grow);
  };
  grow();
}

run();
