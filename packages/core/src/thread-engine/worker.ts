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
import { type FromWorker, jobAt, Outcome, pushError, type ToWorker } from './protocol';

/**
 * The delivery worker: the inline engine, running on its own event loop, with a host that sends every outcome
 * back to the caller's thread in one message per loop turn.
 */
class BatchingHost implements EngineHost {
  private outcomes: unknown[] = [];
  private scheduled = false;
  /**
   * Attempts in flight, per endpoint: what keeps the caller's process alive, as the inline engine's sockets would.
   * Jobs backing off before a retry, or held by an open circuit, do not.
   */
  private readonly inFlight = new Map<string, Set<number>>();

  constructor(
    readonly settings: EngineSettings,
    private readonly post: (message: FromWorker) => void,
  ) {}

  /** After a batch of jobs: tell the caller's thread how many attempts that started. */
  received(): void {
    this.schedule();
  }

  started(job: JobReference): void {
    if (job.seq !== undefined) {
      let attempts = this.inFlight.get(job.endpointId);
      if (!attempts) {
        attempts = new Set();
        this.inFlight.set(job.endpointId, attempts);
      }
      attempts.add(job.seq);
    }
    this.outcomes.push(Outcome.started, job.endpointId, job.seq, job.attempts);
    this.schedule();
  }

  delivered(job: JobReference, status: number, durationMs: number): void {
    this.settle(job);
    this.outcomes.push(Outcome.delivered, job.endpointId, job.seq, job.attempts, status, durationMs);
  }

  retrying(job: JobReference, error: ErrorInfo, delayMs: number): void {
    this.settle(job);
    this.outcomes.push(Outcome.retrying, job.endpointId, job.seq, job.attempts);
    pushError(this.outcomes, error);
    this.outcomes.push(delayMs);
  }

  failed(job: JobReference, error: ErrorInfo): void {
    this.settle(job);
    this.outcomes.push(Outcome.failed, job.endpointId, job.seq, job.attempts);
    pushError(this.outcomes, error);
  }

  dropped(job: JobReference, reason: DropReason, message: string): void {
    this.settle(job);
    this.outcomes.push(Outcome.dropped, job.endpointId, job.seq, job.attempts, reason, message);
  }

  stored(): void {
    // The inline engine never stores.
  }

  endpointDisabled(endpointId: string, error: ErrorInfo): void {
    this.outcomes.push(Outcome.disabled, endpointId);
    pushError(this.outcomes, error);
    this.schedule();
  }

  circuit(endpointId: string, state: 'open' | 'closed', cooldownMs: number): void {
    this.outcomes.push(Outcome.circuit, endpointId, state === 'open' ? 1 : 0, cooldownMs);
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
  forgetJob(endpointId: string, seq: number): void {
    this.inFlight.get(endpointId)?.delete(seq);
    this.schedule();
  }

  /** An endpoint removed with its jobs. */
  forgetEndpoint(endpointId: string): void {
    this.inFlight.delete(endpointId);
    this.schedule();
  }

  forgetAll(): void {
    this.inFlight.clear();
  }

  /** An attempt ended (or its job settled). */
  private settle(job: JobReference): void {
    if (job.seq !== undefined) this.inFlight.get(job.endpointId)?.delete(job.seq);
    this.schedule();
  }

  private active(): number {
    let active = 0;
    for (const attempts of this.inFlight.values()) active += attempts.size;
    return active;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const outcomes = this.outcomes;
      this.outcomes = [];
      this.post({ kind: 'outcomes', outcomes, active: this.active() });
    });
  }
}

function run(): void {
  const port = parentPort;
  if (!port) throw new Error('the bothooks delivery worker must run in a worker thread');
  const post = (message: FromWorker) => port.postMessage(message);
  let host: BatchingHost | undefined;
  let engine: DeliveryEngine | undefined;

  port.on('message', (message: ToWorker) => {
    switch (message.kind) {
      case 'start': {
        host = new BatchingHost(message.settings, post);
        engine = inlineEngine();
        engine.start(host, message.endpoints);
        return;
      }
      case 'jobs': {
        if (!host || !engine) return;
        const { jobs } = message;
        for (let index = 0; index < jobs.seq.length; index += 1) engine.submit(jobAt(jobs, index));
        // After the engine's own pump (scheduled first, so it runs first): the report counts what started.
        host.received();
        return;
      }
      case 'cancel':
        engine?.cancel({ seq: message.seq, endpointId: message.endpointId } as EngineJob);
        host?.forgetJob(message.endpointId, message.seq);
        return;
      case 'add-endpoint':
        engine?.addEndpoint(message.endpoint);
        return;
      case 'remove-endpoint':
        engine?.removeEndpoint(message.endpointId);
        host?.forgetEndpoint(message.endpointId);
        return;
      case 'enable-endpoint':
        engine?.enableEndpoint(message.endpointId);
        return;
      case 'close':
        host?.forgetAll();
        void (engine?.close() ?? Promise.resolve()).then(() => post({ kind: 'closed' }));
        return;
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
