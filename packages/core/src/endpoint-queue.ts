import type { Agent } from 'undici';
import { AbortHandle } from './abort-handle';
import { type AttemptOutcome, attemptDelivery } from './attempt';
import { CircuitBreaker } from './circuit-breaker';
import type { DeliveryEndpoint, EngineHost, EngineJob, JobReference } from './engine';
import { DeliveryError, errorInfo } from './errors';
import { Fifo } from './fifo';
import { nextRetryDelay } from './retry';
import { createPool } from './transport';

/** A job as the queue tracks it: the engine job plus its delivery state. */
export interface DeliveryJob extends JobReference {
  readonly seq: number;
  readonly body: string;
  readonly lane: string | undefined;
  readonly traceparent: string | undefined;
  attempts: number;
  /** blocked: behind its lane's head. ready: may start. waiting: backing off before a retry. */
  state: 'blocked' | 'ready' | 'in-flight' | 'waiting' | 'settled';
  lastError: DeliveryError | undefined;
  timer: NodeJS.Timeout | undefined;
  abort: AbortHandle | undefined;
}

/**
 * The deliveries of one endpoint: its connection pool, concurrency limit, retry timers, per-conversation
 * lanes and circuit breaker. Each endpoint has its own, so a slow or dead one never holds back the others.
 * Outcomes go straight to the engine host; the queue bound is the facade's.
 */
export class EndpointQueue {
  /** Every unsettled job by `seq`, in publish order. */
  private readonly pending = new Map<number, DeliveryJob>();
  disabled = false;
  private readonly ready = new Fifo<DeliveryJob>();
  private readonly lanes = new Map<string, Fifo<DeliveryJob>>();
  private readonly breaker: CircuitBreaker | undefined;
  private readonly pool: Agent;
  private inFlight = 0;
  private pumpScheduled = false;
  private breakerTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly endpoint: DeliveryEndpoint,
    private readonly host: EngineHost,
  ) {
    const { settings } = host;
    this.breaker = settings.circuitBreaker ? new CircuitBreaker(settings.circuitBreaker) : undefined;
    this.pool = createPool({
      connections: endpoint.maxConcurrency,
      timeoutMs: endpoint.timeoutMs,
      blockPrivateNetworks: settings.blockPrivateNetworks,
    });
  }

  /** Queues a job handed over by the facade. */
  enqueue(from: EngineJob): void {
    const job: DeliveryJob = {
      seq: from.seq,
      messageId: from.messageId,
      endpointId: from.endpointId,
      eventType: from.eventType,
      body: from.body,
      lane: from.lane,
      traceparent: from.traceparent,
      attempts: from.attempts,
      state: 'ready',
      lastError: undefined,
      timer: undefined,
      abort: undefined,
    };
    if (this.disabled) {
      // Only an engine that learns of the facade's jobs late (another thread) gets here.
      this.host.dropped(job, 'endpoint-disabled', `endpoint "${this.endpoint.id}" is disabled`);
      return;
    }
    this.pending.set(job.seq, job);
    if (job.lane === undefined) {
      job.state = 'ready';
      this.ready.push(job);
    } else {
      const lane = this.lanes.get(job.lane);
      if (lane) {
        job.state = 'blocked';
        lane.push(job);
      } else {
        const fresh = new Fifo<DeliveryJob>();
        fresh.push(job);
        this.lanes.set(job.lane, fresh);
        job.state = 'ready';
        this.ready.push(job);
      }
    }
    // A pump would find nothing to do while every connection is busy (a settling attempt pumps next) or the
    // circuit is open (its timer pumps): with a slow or dead endpoint, that is every publish.
    if (this.inFlight < this.endpoint.maxConcurrency && !this.breakerHolds()) this.schedulePump();
  }

  /** Forgets a job the facade evicted; an attempt in flight is aborted. */
  cancel(seq: number): void {
    const job = this.pending.get(seq);
    if (!job) return;
    const abort = job.abort;
    this.finish(job);
    abort?.abort(new DeliveryError('CANCELLED', 'evicted'));
  }

  private breakerHolds(): boolean {
    return this.breaker?.state === 'open' && Date.now() < this.breaker.openUntil;
  }

  /** Disables the endpoint (410 or `webhook-delivery: disable`): every waiting job is dropped. */
  disable(error: DeliveryError): void {
    if (this.disabled) return;
    this.disabled = true;
    this.host.endpointDisabled(this.endpoint.id, errorInfo(error));
    for (const job of [...this.pending.values()]) {
      if (job.state === 'in-flight') continue;
      this.finish(job);
      this.host.dropped(job, 'endpoint-disabled', `endpoint "${this.endpoint.id}" is disabled`);
    }
  }

  /** Re-enables a disabled endpoint with a closed circuit. */
  enable(): void {
    this.disabled = false;
    this.breaker?.reset();
    this.schedulePump();
  }

  /** Settles every unsettled job without reporting it, aborting those in flight. */
  cancelAll(): void {
    for (const job of [...this.pending.values()]) {
      const abort = job.abort;
      this.finish(job);
      abort?.abort(new DeliveryError('CANCELLED', 'cancelled'));
    }
  }

  /** Releases the sockets. */
  async destroy(): Promise<void> {
    clearTimeout(this.breakerTimer);
    await this.pool.destroy().catch(() => undefined);
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    // Never start I/O on the publisher's call stack (it is the bot's hot path).
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (this.disabled) return;
    while (this.inFlight < this.endpoint.maxConcurrency) {
      if (this.breaker && !this.breaker.allows(Date.now(), this.inFlight)) {
        this.armBreakerTimer();
        return;
      }
      const job = this.nextReady();
      if (!job) return;
      this.start(job);
    }
  }

  private nextReady(): DeliveryJob | undefined {
    for (let job = this.ready.shift(); job; job = this.ready.shift()) {
      // Jobs settled while queued (evicted, disabled) stay in the FIFO and are skipped here.
      if (job.state === 'ready') return job;
    }
    return undefined;
  }

  private armBreakerTimer(): void {
    if (this.breaker?.state !== 'open' || this.breakerTimer) return;
    const wait = Math.max(0, this.breaker.openUntil - Date.now());
    this.breakerTimer = setTimeout(() => {
      this.breakerTimer = undefined;
      this.schedulePump();
    }, wait);
    this.breakerTimer.unref();
  }

  private start(job: DeliveryJob): void {
    job.state = 'in-flight';
    job.attempts += 1;
    this.inFlight += 1;
    const abort = new AbortHandle();
    job.abort = abort;
    this.host.started(job);
    attemptDelivery(this.endpoint, job.messageId, job.body, {
      dispatcher: this.pool,
      userAgent: this.host.settings.userAgent,
      blockPrivateNetworks: this.host.settings.blockPrivateNetworks,
      abort,
      traceparent: job.traceparent,
    }).then(
      (outcome) => this.settleAttempt(job, outcome),
      () => undefined,
    );
  }

  private settleAttempt(job: DeliveryJob, outcome: AttemptOutcome): void {
    this.inFlight -= 1;
    job.abort = undefined;
    if (job.state !== 'settled') this.applyOutcome(job, outcome);
    // Not on a publisher's stack here: start the next delivery at once rather than a loop turn later,
    // which is worth a large share of throughput when the endpoint answers fast.
    this.pump();
  }

  private applyOutcome(job: DeliveryJob, outcome: AttemptOutcome): void {
    const { host } = this;
    const endpointId = this.endpoint.id;
    if (outcome.kind === 'delivered') {
      if (this.breaker?.success()) host.circuit(endpointId, 'closed', 0);
      this.finish(job);
      host.delivered(job, outcome.status, outcome.durationMs);
      if (outcome.disableEndpoint) this.disable(disableRequested(outcome.status));
      return;
    }
    job.lastError = outcome.error;
    if (outcome.kind === 'fail') {
      this.breaker?.success(); // the receiver is alive and answering
      this.finish(job);
      host.failed(job, errorInfo(outcome.error), outcome.durationMs);
      return;
    }
    if (outcome.kind === 'disable') {
      this.finish(job);
      host.failed(job, errorInfo(outcome.error), outcome.durationMs);
      this.disable(outcome.error);
      return;
    }
    if (this.breaker?.failure(Date.now())) host.circuit(endpointId, 'open', this.breaker.currentCooldownMs);
    if (this.disabled) {
      this.finish(job);
      host.dropped(job, 'endpoint-disabled', `endpoint "${endpointId}" is disabled`);
      return;
    }
    const delay = nextRetryDelay({
      attemptsMade: job.attempts,
      delays: host.settings.retryDelays,
      jitter: host.settings.jitter,
      random: Math.random,
      retryAfterMs: outcome.retryAfterMs,
      maxRetryAfterMs: host.settings.maxRetryAfterMs,
    });
    if (delay === undefined) {
      this.finish(job);
      host.failed(job, errorInfo(outcome.error), outcome.durationMs);
      return;
    }
    job.state = 'waiting';
    job.timer = setTimeout(() => {
      job.timer = undefined;
      if (job.state !== 'waiting') return;
      job.state = 'ready';
      this.ready.push(job);
      this.schedulePump();
    }, delay);
    // A pending retry must not keep a finished process alive; flush() and close() hold it open while they wait.
    job.timer.unref();
    host.retrying(job, errorInfo(outcome.error), delay, outcome.durationMs);
  }

  /** Settles a job wherever it is and lets the next job of its lane move up. */
  private finish(job: DeliveryJob): void {
    const wasHead = job.lane !== undefined && this.lanes.get(job.lane)?.peek() === job;
    job.state = 'settled';
    job.abort = undefined;
    if (job.timer) {
      clearTimeout(job.timer);
      job.timer = undefined;
    }
    this.pending.delete(job.seq);
    if (wasHead && job.lane !== undefined) this.advanceLane(job.lane);
  }

  private advanceLane(key: string): void {
    const lane = this.lanes.get(key);
    if (!lane) return;
    lane.shift();
    // Jobs dropped while blocked were settled in place; skip them.
    while (lane.peek()?.state === 'settled') lane.shift();
    const head = lane.peek();
    if (!head) {
      this.lanes.delete(key);
      return;
    }
    head.state = 'ready';
    this.ready.push(head);
    this.schedulePump();
  }
}

function disableRequested(status: number): DeliveryError {
  return new DeliveryError(
    'ENDPOINT_GONE',
    `the endpoint answered ${status} with "webhook-delivery: disable"`,
    {
      status,
    },
  );
}
