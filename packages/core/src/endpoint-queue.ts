import type { Agent } from 'undici';
import { AbortHandle } from './abort-handle';
import { type AttemptOutcome, attemptDelivery } from './attempt';
import { CircuitBreaker } from './circuit-breaker';
import type { ResolvedEndpoint, ResolvedOptions } from './config';
import { DeliveryError } from './errors';
import { Fifo } from './fifo';
import { nextRetryDelay } from './retry';
import { createPool } from './transport';

/** One message bound for one endpoint. Plain data, so a durable queue can store the same record. */
export interface DeliveryJob {
  readonly messageId: string;
  readonly eventType: string;
  readonly body: string;
  /** The ordering lane (conversation) when the endpoint orders deliveries. */
  readonly lane: string | undefined;
  /** Publish order across the whole instance; `flush()` waits on it. */
  readonly seq: number;
  attempts: number;
  /** blocked: behind its lane's head. ready: may start. waiting: backing off before a retry. */
  state: 'blocked' | 'ready' | 'in-flight' | 'waiting' | 'settled';
  lastError: DeliveryError | undefined;
  timer: NodeJS.Timeout | undefined;
  abort: AbortHandle | undefined;
}

/** What the queue tells its owner; the owner turns these into public events. */
export interface QueueReporter {
  delivered(job: DeliveryJob, status: number, durationMs: number): void;
  retrying(job: DeliveryJob, error: DeliveryError, delayMs: number): void;
  failed(job: DeliveryJob, error: DeliveryError): void;
  dropped(job: DeliveryJob, reason: 'endpoint-disabled' | 'evicted', message: string): void;
  disabled(error: DeliveryError): void;
  circuit(state: 'open' | 'closed', cooldownMs: number): void;
  settled(): void;
}

/**
 * The deliveries of one endpoint: its connection pool, concurrency limit, retry timers, per-conversation
 * lanes and circuit breaker. Each endpoint has its own, so a slow or dead one never holds back the others.
 */
export class EndpointQueue {
  /** Every unsettled job, in publish order (a Set keeps insertion order). */
  readonly pending = new Set<DeliveryJob>();
  disabled = false;
  private readonly ready = new Fifo<DeliveryJob>();
  private readonly lanes = new Map<string, Fifo<DeliveryJob>>();
  private readonly breaker: CircuitBreaker | undefined;
  private readonly pool: Agent;
  private inFlight = 0;
  private pumpScheduled = false;
  private breakerTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly endpoint: ResolvedEndpoint,
    private readonly options: ResolvedOptions,
    private readonly reporter: QueueReporter,
  ) {
    this.breaker = options.circuitBreaker ? new CircuitBreaker(options.circuitBreaker) : undefined;
    this.pool = createPool({
      connections: endpoint.maxConcurrency,
      timeoutMs: endpoint.timeoutMs,
      blockPrivateNetworks: options.blockPrivateNetworks,
    });
  }

  /** The connection pool, shared with Verify and JSON API requests to this endpoint. */
  get dispatcher(): Agent {
    return this.pool;
  }

  get circuitState(): 'closed' | 'open' | 'half-open' {
    return this.breaker?.state ?? 'closed';
  }

  /**
   * Queues a job. Returns false when the queue is full and the overflow policy refuses the new job;
   * with `drop-oldest` the oldest waiting job is evicted (and reported) instead.
   */
  enqueue(job: DeliveryJob): boolean {
    if (this.pending.size >= this.options.queueMaxSize) {
      if (this.options.overflow === 'drop-newest') return false;
      const oldest = this.oldestNotInFlight();
      if (!oldest) return false;
      this.finish(oldest);
      this.reporter.dropped(oldest, 'evicted', `the queue of endpoint "${this.endpoint.id}" is full`);
    }
    this.pending.add(job);
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
    return true;
  }

  private breakerHolds(): boolean {
    return this.breaker?.state === 'open' && Date.now() < this.breaker.openUntil;
  }

  /** Disables the endpoint (410 or `webhook-delivery: disable`): every waiting job is dropped. */
  disable(error: DeliveryError): void {
    if (this.disabled) return;
    this.disabled = true;
    this.reporter.disabled(error);
    for (const job of [...this.pending]) {
      if (job.state === 'in-flight') continue;
      this.finish(job);
      this.reporter.dropped(job, 'endpoint-disabled', `endpoint "${this.endpoint.id}" is disabled`);
    }
  }

  /** Re-enables a disabled endpoint with a closed circuit. */
  enable(): void {
    this.disabled = false;
    this.breaker?.reset();
    this.schedulePump();
  }

  /** Settles every unsettled job (aborting those in flight) and returns them, oldest first. */
  cancelAll(): DeliveryJob[] {
    const jobs = [...this.pending];
    for (const job of jobs) {
      const abort = job.abort;
      this.finish(job);
      abort?.abort(new DeliveryError('CANCELLED', 'cancelled'));
    }
    return jobs;
  }

  /** Releases the sockets. */
  async destroy(): Promise<void> {
    clearTimeout(this.breakerTimer);
    await this.pool.destroy().catch(() => undefined);
  }

  private oldestNotInFlight(): DeliveryJob | undefined {
    for (const job of this.pending) if (job.state !== 'in-flight') return job;
    return undefined;
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
    attemptDelivery(this.endpoint, job.messageId, job.body, {
      dispatcher: this.pool,
      userAgent: this.options.userAgent,
      blockPrivateNetworks: this.options.blockPrivateNetworks,
      abort,
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
    if (outcome.kind === 'delivered') {
      if (this.breaker?.success()) this.reporter.circuit('closed', 0);
      this.finish(job);
      this.reporter.delivered(job, outcome.status, outcome.durationMs);
      if (outcome.disableEndpoint) this.disable(disableRequested(outcome.status));
      return;
    }
    job.lastError = outcome.error;
    if (outcome.kind === 'fail') {
      this.breaker?.success(); // the receiver is alive and answering
      this.finish(job);
      this.reporter.failed(job, outcome.error);
      return;
    }
    if (outcome.kind === 'disable') {
      this.finish(job);
      this.reporter.failed(job, outcome.error);
      this.disable(outcome.error);
      return;
    }
    if (this.breaker?.failure(Date.now())) this.reporter.circuit('open', this.breaker.currentCooldownMs);
    if (this.disabled) {
      this.finish(job);
      this.reporter.dropped(job, 'endpoint-disabled', `endpoint "${this.endpoint.id}" is disabled`);
      return;
    }
    const delay = nextRetryDelay({
      attemptsMade: job.attempts,
      delays: this.options.retryDelays,
      jitter: this.options.jitter,
      random: Math.random,
      retryAfterMs: outcome.retryAfterMs,
      maxRetryAfterMs: this.options.maxRetryAfterMs,
    });
    if (delay === undefined) {
      this.finish(job);
      this.reporter.failed(job, outcome.error);
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
    this.reporter.retrying(job, outcome.error, delay);
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
    this.pending.delete(job);
    if (wasHead && job.lane !== undefined) this.advanceLane(job.lane);
    this.reporter.settled();
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
