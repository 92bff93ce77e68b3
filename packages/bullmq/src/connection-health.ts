import type { ErrorReportCode } from '@bothooks/core';
import type { EngineHost } from '@bothooks/core/engine';
import { sanitize } from './failures';

const CONNECTION_ERROR =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|Connection is closed|Stream isn't writeable|Command timed out|max retries per request/i;
const REPEAT_PROBLEM_MS = 60_000;

/** What the health reports need of the engine, read when a problem is reported. */
export interface HealthContext {
  host(): EngineHost | undefined;
  closing(): boolean;
  /** Messages waiting in this process's memory to be stored. */
  waiting(): number;
}

/**
 * How this process reports Redis's health: an outage once (not once per failed command, connection and queue),
 * with what it means for the messages waiting here; other problems at most once a minute each.
 */
export class ConnectionHealth {
  private outage = false;
  /** The last connection error, for `ready()`'s message. */
  lastError: Error | undefined;
  private readonly reported = new Map<string, number>();

  constructor(
    private readonly where: string,
    private readonly delivers: boolean,
    private readonly context: HealthContext,
  ) {}

  /** A connection failed. */
  connectionFailed(error: Error): void {
    this.lastError = error;
    this.problem(error);
  }

  /** Redis answered again: the next outage is reported afresh. */
  recovered(): void {
    this.outage = false;
    this.lastError = undefined;
  }

  /** Something stored again: the outage, if any, is over. */
  storing(): void {
    this.outage = false;
  }

  /** Reports Redis being unreachable once per outage, with what it means for this process. */
  problem(error: unknown): void {
    if (this.context.closing()) return;
    const message = sanitize(error instanceof Error ? error.message : String(error), undefined);
    if (!CONNECTION_ERROR.test(message) && !/WRONGPASS|NOAUTH|NOPERM/.test(message)) {
      this.report('REDIS_ERROR', `Redis at ${this.where} answered an error: ${message}`);
      return;
    }
    if (this.outage) return;
    this.outage = true;
    const roles = this.delivers ? 'publishing and delivery resume' : 'publishing resumes';
    this.context.host()?.problem({
      code: 'REDIS_UNAVAILABLE',
      source: 'bullmq-engine',
      message: `cannot reach Redis at ${this.where} (${message}); ${this.context.waiting()} message(s) wait in memory, within queue.maxSize, and ${roles} by themselves when it is back`,
    });
  }

  /** A worker's error: a lost connection is the outage; anything else is reported as the worker's. */
  workerProblem(error: Error, endpointId: string): void {
    if (CONNECTION_ERROR.test(error.message)) {
      this.problem(error);
      return;
    }
    this.report(
      'WORKER_ERROR',
      `the worker of endpoint "${endpointId}": ${sanitize(error.message, undefined)}`,
    );
  }

  /** Reports a problem, but the same one at most once a minute. */
  private report(code: ErrorReportCode, message: string): void {
    const key = `${code}:${message}`;
    const last = this.reported.get(key);
    if (last !== undefined && Date.now() - last < REPEAT_PROBLEM_MS) return;
    this.reported.set(key, Date.now());
    if (this.reported.size > 100) this.reported.clear();
    this.context.host()?.problem({ code, message, source: 'bullmq-engine' });
  }
}
