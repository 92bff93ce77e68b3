import type { Logger, ResolvedEndpoint } from './config';
import type { Drain } from './drain';
import type { EngineHost, EngineJob, EngineProblem, EngineSettings, JobReference } from './engine';
import { BothooksError } from './errors';
import type { DropReason, ErrorInfo, WebhooksEvents } from './events';
import type { Ledger, PendingJob } from './ledger';
import type { Telemetry } from './telemetry';

/** How an endpoint looks from the caller's thread, kept up to date from the engine's reports. */
export type EndpointState = 'active' | 'disabled' | 'circuit-open';

/** What the reporter needs of the facade. */
export interface ReporterTarget {
  emit<TName extends keyof WebhooksEvents>(name: TName, payload: WebhooksEvents[TName]): boolean;
  listens(name: keyof WebhooksEvents): boolean;
  reportProblem(error: Error, details: Omit<EngineProblem, 'message'>): void;
  setState(endpointId: string, state: EndpointState): void;
  /** The endpoint's configuration, for telemetry (its URL's host and path). */
  endpoint(endpointId: string): ResolvedEndpoint | undefined;
}

/**
 * The one place engine outcomes become public events and log lines: it settles each job in the ledger (an
 * outcome for a job already settled is ignored, so nothing ends twice), emits the event, and logs what no
 * listener handled. It is the {@link EngineHost} every engine reports to.
 */
export class OutcomeReporter implements EngineHost {
  readonly wantsStarts: boolean;

  constructor(
    readonly settings: EngineSettings,
    overflow: 'drop-newest' | 'drop-oldest',
    private readonly ledger: Ledger,
    private readonly drain: Drain,
    private readonly target: ReporterTarget,
    private readonly logger: Logger | undefined,
    private readonly telemetry: Telemetry | undefined,
  ) {
    this.wantsStarts = overflow === 'drop-oldest';
  }

  started(job: JobReference): void {
    if (job.seq === undefined) return;
    const pending = this.ledger.get(job.endpointId, job.seq);
    if (!pending) return;
    pending.inFlight = true;
    pending.attempts = job.attempts;
  }

  delivered(job: JobReference, status: number, durationMs: number): void {
    const settled = this.settle(job);
    if (!settled) return;
    if (this.telemetry) {
      this.record(job, settled, 'delivered', durationMs, status, undefined);
      this.telemetry.settled('delivered', job.endpointId, job.eventType);
    }
    if (!this.target.listens('delivered')) return;
    this.target.emit('delivered', {
      messageId: job.messageId,
      endpointId: job.endpointId,
      type: job.eventType,
      status,
      attempts: job.attempts,
      durationMs: Math.round(durationMs),
    });
  }

  retrying(job: JobReference, error: ErrorInfo, delayMs: number, durationMs = 0): void {
    let pending: PendingJob | true = true;
    if (job.seq !== undefined) {
      const found = this.ledger.get(job.endpointId, job.seq);
      if (!found) return;
      found.attempts = job.attempts;
      found.lastError = error;
      found.inFlight = false;
      pending = found;
    }
    if (this.telemetry) this.record(job, pending, 'retrying', durationMs, error.status, error);
    if (!this.target.listens('retrying')) return;
    this.target.emit('retrying', {
      messageId: job.messageId,
      endpointId: job.endpointId,
      type: job.eventType,
      attempts: job.attempts,
      delayMs,
      error,
    });
  }

  failed(job: JobReference, error: ErrorInfo, durationMs = 0): void {
    const settled = this.settle(job);
    if (!settled) return;
    if (this.telemetry) {
      this.record(job, settled, 'failed', durationMs, error.status, error);
      this.telemetry.settled('failed', job.endpointId, job.eventType);
    }
    const body = settled === true ? job.body : settled.body;
    const heard = this.target.emit('failed', {
      messageId: job.messageId,
      endpointId: job.endpointId,
      type: job.eventType,
      attempts: job.attempts,
      error,
      ...(body !== undefined && { body }),
    });
    if (!heard) {
      this.logger?.warn(
        `[bothooks] delivery of ${job.messageId} to "${job.endpointId}" failed after ${job.attempts} attempt(s): ${error.code}: ${error.message}`,
      );
    }
  }

  dropped(job: JobReference, reason: DropReason, message: string): void {
    const settled = this.settle(job);
    if (!settled) return;
    this.emitDropped(job, job.endpointId, reason, message, settled === true ? job.body : settled.body);
  }

  stored(jobs: readonly JobReference[], settle = true): void {
    const messageIds: string[] = [];
    for (const job of jobs) {
      if (settle && !this.settle(job)) continue;
      messageIds.push(job.messageId);
    }
    if (messageIds.length > 0) this.target.emit('stored', { messageIds });
  }

  endpointDisabled(endpointId: string, error: ErrorInfo): void {
    this.target.setState(endpointId, 'disabled');
    if (!this.target.emit('endpoint-disabled', { endpointId, error })) {
      this.logger?.warn(`[bothooks] endpoint "${endpointId}" disabled: ${error.message}`);
    }
  }

  endpointEnabled(endpointId: string): void {
    this.target.setState(endpointId, 'active');
  }

  circuit(endpointId: string, state: 'open' | 'closed', cooldownMs: number): void {
    if (state === 'closed') {
      this.target.setState(endpointId, 'active');
      this.target.emit('circuit-closed', { endpointId, cooldownMs });
      return;
    }
    this.target.setState(endpointId, 'circuit-open');
    if (!this.target.emit('circuit-open', { endpointId, cooldownMs })) {
      this.logger?.warn(
        `[bothooks] endpoint "${endpointId}" keeps failing; pausing deliveries for ${cooldownMs} ms`,
      );
    }
  }

  problem(problem: EngineProblem): void {
    const { message, ...details } = problem;
    this.target.reportProblem(new BothooksError(problem.code, message), details);
  }

  job(endpointId: string, seq: number): EngineJob | undefined {
    return this.ledger.get(endpointId, seq);
  }

  unsettled(): EngineJob[] {
    return this.ledger.all();
  }

  /** Reports a drop, whether or not the job reached the engine (the facade's own drops come here too). */
  emitDropped(
    job: { messageId: string; eventType: string; attempts: number },
    endpointId: string | undefined,
    reason: DropReason,
    message: string,
    body?: string,
  ): void {
    this.telemetry?.settled('dropped', endpointId, job.eventType, reason);
    const heard = this.target.emit('dropped', {
      messageId: job.messageId,
      endpointId,
      type: job.eventType,
      reason,
      message,
      attempts: job.attempts,
      ...(body !== undefined && { body }),
    });
    if (!heard) {
      const where = endpointId === undefined ? '' : ` for "${endpointId}"`;
      this.logger?.warn(`[bothooks] dropped ${job.messageId}${where} (${reason}): ${message}`);
    }
  }

  private record(
    job: JobReference,
    pending: PendingJob | true,
    outcome: 'delivered' | 'retrying' | 'failed',
    durationMs: number,
    status: number | undefined,
    error: ErrorInfo | undefined,
  ): void {
    const endpoint = this.target.endpoint(job.endpointId);
    if (!endpoint || !this.telemetry) return;
    this.telemetry.attempt({
      messageId: job.messageId,
      endpoint,
      eventType: job.eventType,
      attempts: job.attempts,
      outcome,
      durationMs,
      status,
      error,
      trace: pending === true ? undefined : pending.trace,
    });
  }

  /**
   * Settles a job in the ledger: the pending record when it was this instance's, `true` for a job another
   * process handed over, undefined when it had already settled (the outcome is then ignored).
   */
  private settle(job: JobReference): PendingJob | true | undefined {
    if (job.seq === undefined) return true;
    const pending = this.ledger.settle(job.endpointId, job.seq);
    if (pending) this.drain.settled();
    return pending;
  }
}
