import {
  AbortHandle,
  type AttemptOutcome,
  attemptDelivery,
  createPool,
  type DeliveryEndpoint,
  DeliveryError,
  type EngineHost,
  type ErrorInfo,
  errorInfo,
  type JobReference,
  nextRetryDelay,
} from '@bothooks/core/engine';
import { DelayedError, type Job, type Queue, RateLimitError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { decodeFailure, finalFailure, isOurs, RetryLater, sanitize } from './failures';
import type { EngineKeys } from './keys';
import type { ResolvedBullmqOptions } from './options';
import type { StoredJobData } from './publisher';
import type { Scripts } from './scripts';
import type { SharedState } from './shared-state';
import { Turnstile } from './turnstile';

/** What a job's processor returns, and so what BullMQ keeps: the status, never the answer's body or headers. */
export interface DeliveryResult {
  status: number;
}

/** What every endpoint's worker shares. */
export interface WorkerContext {
  readonly host: EngineHost;
  readonly connection: Redis;
  /** The endpoint's queue, for its queue-wide limit. */
  readonly queue: Queue<StoredJobData>;
  readonly scripts: Scripts;
  readonly keys: EngineKeys;
  readonly state: SharedState;
  readonly options: ResolvedBullmqOptions;
  /** Reports a BullMQ worker's `error` event (deduplicated by the engine). */
  problem(error: Error): void;
}

/** A started endpoint worker. */
interface Running {
  worker: Worker<StoredJobData, DeliveryResult>;
  turnstile: Turnstile;
}

/**
 * A manual rate limit only holds while a limiter is configured, and a configured limiter costs every job a
 * counter update (about a tenth of the throughput). So the queue-wide limiter is set, with a maximum never reached,
 * only while an endpoint's circuit is open, and removed when it closes.
 */
const PAUSE_ONLY_LIMIT = { max: 1_000_000_000, duration: 1_000 };

/**
 * One endpoint's BullMQ worker in this process: it signs at send time with the endpoint's keys from this
 * process's configuration (nothing secret is in Redis), sends with core's `attemptDelivery`, retries on core's
 * schedule through a backoff strategy set on this worker, honours the shared circuit and disabled state, and keeps
 * conversations in order through the {@link Turnstile}. Every outcome is reported to this process's `Webhooks`
 * with no `seq`: the job was settled for its publisher when it was stored.
 *
 * An open circuit pauses the endpoint's whole queue for every process (BullMQ's manual rate limit) rather than
 * parking each job, so a dead endpoint with a long backlog costs one Redis key, not a round trip per job.
 */
export class EndpointWorker {
  private running: Running | undefined;
  private readonly pool: ReturnType<typeof createPool>;
  private readonly inFlight = new Set<AbortHandle>();
  private readonly probeKey: string;
  private readonly concurrency: number;
  private closed = false;
  /** Whether this process set the queue-wide limit that pauses the endpoint. */
  private pausing = false;

  constructor(
    readonly endpoint: DeliveryEndpoint,
    readonly queueName: string,
    private readonly context: WorkerContext,
  ) {
    this.concurrency = context.options.concurrency ?? endpoint.maxConcurrency;
    this.probeKey = context.keys.probe(queueName);
    this.pool = createPool({
      connections: this.concurrency,
      timeoutMs: endpoint.timeoutMs,
      blockPrivateNetworks: context.host.settings.blockPrivateNetworks,
    });
  }

  /**
   * Starts the BullMQ worker. Called once the worker connection is ready: a BullMQ worker created before Redis
   * ever answered cannot be closed until it does (its close waits for a connection that never comes).
   */
  start(): void {
    if (this.running || this.closed) return;
    const { options } = this.context;
    const worker: Worker<StoredJobData, DeliveryResult> = new Worker<StoredJobData, DeliveryResult>(
      this.queueName,
      (job, token): Promise<DeliveryResult> => this.process(job, token, running),
      {
        connection: this.context.connection,
        prefix: options.prefix,
        concurrency: this.concurrency,
        lockDuration: options.lockDurationMs,
        stalledInterval: options.stalledIntervalMs,
        maxStalledCount: options.maxStalledCount,
        // The delay was decided by the processor (core's schedule, jitter, Retry-After); the strategy must live
        // on the worker, or BullMQ leaves the job stuck until its lock expires.
        settings: {
          backoffStrategy: (_attempts: number, _type?: string, error?: Error) =>
            error instanceof RetryLater ? error.delayMs : -1,
        },
      },
    );
    const turnstile = new Turnstile(
      worker,
      this.context.scripts,
      this.context.keys,
      this.queueName,
      options.orderingRecheckMs,
      options.orderingGapMs,
    );
    const running: Running = { worker, turnstile };
    this.running = running;
    // A limit left by a process that died while the circuit was open; if it is still open, the gate sets it again.
    this.unpause();
    worker.on('error', (error) => this.context.problem(error));
    worker.on('failed', (job, error) => {
      if (job && !isOurs(error)) void this.failedByBullmq(job, error, turnstile);
    });
  }

  /** The endpoint's circuit closed (here or in another process): its queue need not be limited any more. */
  unpause(): void {
    this.pausing = false;
    this.context.queue.removeGlobalRateLimit().catch(() => undefined);
  }

  /**
   * Stops taking jobs and waits for those in flight; after `timeoutMs` aborts them (each is handed back, or, if
   * Redis cannot take it, picked up again after `lockDurationMs`). Resolves within `timeoutMs` plus a second.
   */
  async close(timeoutMs: number): Promise<void> {
    this.closed = true;
    const deadline = Date.now() + timeoutMs;
    const closed = (this.running?.worker.close() ?? Promise.resolve()).then(
      () => true,
      () => true,
    );
    // Waits for the deliveries, not for Redis: with Redis away, BullMQ's close alone could wait for ever.
    while (this.inFlight.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const abort of this.inFlight) abort.abort(new DeliveryError('CANCELLED', 'the worker is closing'));
    // Then for BullMQ to record their outcomes, if Redis is there to take them.
    const ready = this.context.connection.status === 'ready';
    await within(closed, ready ? Math.max(1_000, deadline - Date.now()) : 0);
    await this.pool.destroy().catch(() => undefined);
  }

  private async process(
    job: Job<StoredJobData>,
    token: string | undefined,
    { worker, turnstile }: Running,
  ): Promise<DeliveryResult> {
    const reference: JobReference = {
      messageId: job.name,
      endpointId: this.endpoint.id,
      eventType: job.data.t,
      attempts: job.attemptsMade + 1,
      body: job.data.b,
    };
    try {
      if (this.context.state.isDisabled(this.endpoint.id))
        return await this.dropDisabled(job, reference, turnstile);
      if (!(await turnstile.enter(job, token))) throw new DelayedError();
      const gate = await this.context.state.gate(
        this.endpoint.id,
        this.probeKey,
        this.endpoint.timeoutMs + 1_000,
      );
      if (gate.kind === 'wait') {
        this.pausing = true;
        await this.context.queue.setGlobalRateLimit(PAUSE_ONLY_LIMIT.max, PAUSE_ONLY_LIMIT.duration);
        await worker.rateLimit(gate.ms);
        throw Worker.RateLimitError();
      }
      if (this.pausing) this.unpause();
      const abort = new AbortHandle();
      this.inFlight.add(abort);
      let outcome: AttemptOutcome;
      try {
        outcome = await attemptDelivery(this.endpoint, job.name, job.data.b, {
          dispatcher: this.pool,
          userAgent: this.context.host.settings.userAgent,
          blockPrivateNetworks: this.context.host.settings.blockPrivateNetworks,
          abort,
          traceparent: job.data.p,
        });
      } finally {
        this.inFlight.delete(abort);
        if (gate.probe) this.context.state.releaseProbe(this.probeKey);
      }
      if (abort.aborted) {
        // Closing: hand the job back at once, without spending an attempt, for another worker to deliver.
        await job.moveToDelayed(Date.now(), token).catch(() => undefined);
        throw new DelayedError();
      }
      return await this.apply(job, reference, outcome, turnstile);
    } catch (error) {
      if (isOurs(error) || isControlFlow(error)) throw error;
      // Our own fault (Redis, a bug): never lose the job; count it as a failed attempt on the usual schedule.
      const info = {
        code: 'WORKER_FAILED',
        message: sanitize(String((error as Error)?.message), this.endpoint),
      };
      return this.retryOrFail(job, reference, info, undefined, turnstile, undefined);
    }
  }

  private async apply(
    job: Job<StoredJobData>,
    reference: JobReference,
    outcome: AttemptOutcome,
    turnstile: Turnstile,
  ): Promise<DeliveryResult> {
    const { host, state } = this.context;
    if (outcome.kind === 'delivered') {
      await state.record(this.endpoint.id, 'success');
      host.delivered(reference, outcome.status, outcome.durationMs);
      if (outcome.disableEndpoint) {
        await this.disable({
          code: 'ENDPOINT_GONE',
          message: `the endpoint answered ${outcome.status} with "webhook-delivery: disable"`,
          status: outcome.status,
        });
      }
      await turnstile.leave(job);
      return { status: outcome.status };
    }
    const info = this.describe(outcome.error);
    if (outcome.kind === 'fail') {
      await state.record(this.endpoint.id, 'success'); // the receiver is alive and answering
      return this.fail(job, reference, info, turnstile, outcome.durationMs);
    }
    if (outcome.kind === 'disable') {
      host.failed(reference, info, outcome.durationMs);
      await this.disable(info);
      await turnstile.leave(job);
      throw finalFailure(info);
    }
    await state.record(this.endpoint.id, 'failure');
    if (state.isDisabled(this.endpoint.id)) return this.dropDisabled(job, reference, turnstile);
    return this.retryOrFail(job, reference, info, outcome.retryAfterMs, turnstile, outcome.durationMs);
  }

  private async retryOrFail(
    job: Job<StoredJobData>,
    reference: JobReference,
    info: ErrorInfo,
    retryAfterMs: number | undefined,
    turnstile: Turnstile,
    /** How long the failed attempt took; none when it never reached the network. */
    durationMs: number | undefined,
  ): Promise<never> {
    const { settings } = this.context.host;
    const delay = nextRetryDelay({
      attemptsMade: reference.attempts,
      delays: settings.retryDelays,
      jitter: settings.jitter,
      random: Math.random,
      retryAfterMs,
      maxRetryAfterMs: settings.maxRetryAfterMs,
    });
    if (delay === undefined || reference.attempts >= (job.opts.attempts ?? 1)) {
      return this.fail(job, reference, info, turnstile, durationMs);
    }
    this.context.host.retrying(reference, info, delay, durationMs);
    throw new RetryLater(info, delay);
  }

  private async fail(
    job: Job<StoredJobData>,
    reference: JobReference,
    info: ErrorInfo,
    turnstile: Turnstile,
    durationMs: number | undefined,
  ): Promise<never> {
    this.context.host.failed(reference, info, durationMs);
    await turnstile.leave(job);
    throw finalFailure(info);
  }

  /** A job for a disabled endpoint becomes a dead letter (replayable after `enableEndpoint`). */
  private async dropDisabled(
    job: Job<StoredJobData>,
    reference: JobReference,
    turnstile: Turnstile,
  ): Promise<never> {
    const message = `endpoint "${this.endpoint.id}" is disabled`;
    this.context.host.dropped({ ...reference, attempts: job.attemptsMade }, 'endpoint-disabled', message);
    await turnstile.leave(job);
    throw finalFailure({ code: 'ENDPOINT_DISABLED', message });
  }

  private async disable(reason: ErrorInfo): Promise<void> {
    await this.context.state.disable(this.endpoint.id, reason).catch(() => undefined);
  }

  /** A job BullMQ failed by itself: its worker died too often while holding it (`maxStalledCount`). */
  private async failedByBullmq(job: Job<StoredJobData>, error: Error, turnstile: Turnstile): Promise<void> {
    const info = decodeFailure(error.message);
    this.context.host.failed(
      {
        messageId: job.name,
        endpointId: this.endpoint.id,
        eventType: job.data.t,
        attempts: job.attemptsMade,
        body: job.data.b,
      },
      info,
    );
    await turnstile.leave(job);
  }

  private describe(error: DeliveryError): ErrorInfo {
    const info = errorInfo(error);
    return { ...info, message: sanitize(info.message, this.endpoint) };
  }
}

/** BullMQ's signals that a processor parked or paused a job; they are not failures. */
function isControlFlow(error: unknown): boolean {
  return error instanceof DelayedError || error instanceof RateLimitError;
}

/** Whether `promise` settled within `timeoutMs`. */
async function within(promise: Promise<boolean>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([
    promise,
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  return settled;
}
