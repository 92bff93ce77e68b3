import { inspect } from 'node:util';
import type { Agent } from 'undici';
import type { BotReply } from './bot-reply';
import type { EndpointConfig, ResolvedEndpoint, ResolvedOptions, WebhooksOptions } from './config';
import { Drain } from './drain';
import { SafeEmitter } from './emitter';
import { checkEndpoint, type VerifyResult } from './endpoint-check';
import type { DeliveryEngine } from './engine';
import { type ErrorReportCode, isErrorReportCode } from './error-codes';
import { BothooksError, ConfigError, EndpointVerificationError, JsonApiError, toError } from './errors';
import type { WebhookEnvelope, WebhookEvent } from './event';
import type {
  CloseResult,
  DropReason,
  EndpointInfo,
  ErrorReport,
  FlushResult,
  PublishOptions,
  UndeliveredMessage,
  WebhooksEvents,
} from './events';
import { newMessageId } from './ids';
import { inlineEngine } from './inline-engine';
import { type JsonApiRequestOptions, requestReply } from './json-api';
import { Ledger, type PendingJob } from './ledger';
import { type EndpointState, OutcomeReporter } from './outcome-reporter';
import { defaultEndpointId, resolveEndpoint } from './resolve-endpoint';
import { resolveOptions } from './resolve-options';
import { eventProblem, type RouteCandidate, type RouteOptions, type RouteSink, routeEvent } from './routing';
import { createTelemetry, type PublishTrace, type Telemetry } from './telemetry';
import { createPool } from './transport';

/** An endpoint as the facade keeps it. */
class EndpointEntry implements RouteCandidate {
  state: EndpointState = 'active';
  /** A pool of its own for `verify()` and `request()`, made on first use: deliveries run in the engine. */
  private pool: Agent | undefined;

  constructor(readonly endpoint: ResolvedEndpoint) {}

  get disabled(): boolean {
    return this.state === 'disabled';
  }

  requestPool(blockPrivateNetworks: boolean): Agent {
    this.pool ??= createPool({
      connections: this.endpoint.maxConcurrency,
      timeoutMs: this.endpoint.timeoutMs,
      blockPrivateNetworks,
    });
    return this.pool;
  }

  async destroy(): Promise<void> {
    await this.pool?.destroy().catch(() => undefined);
  }
}

/**
 * Sends signed webhooks to a set of endpoints, reliably and without ever blocking or throwing into the caller.
 * Create it with {@link createWebhooks}.
 *
 * It is a facade: on the caller's thread it validates, routes, filters, transforms and serialises each event,
 * assigns its `webhook-id`, bounds each endpoint's queue, and hands the resulting jobs to a delivery engine
 * (`engine` option), whose outcomes come back as this object's events.
 */
export class Webhooks extends SafeEmitter<WebhooksEvents> {
  private readonly settings: ResolvedOptions;
  private readonly entries = new Map<string, EndpointEntry>();
  private readonly ledger: Ledger;
  private readonly drain: Drain;
  private readonly reporter: OutcomeReporter;
  private readonly engine: DeliveryEngine;
  private closing: Promise<CloseResult> | undefined;
  // Reused by every publish, so routing allocates nothing per event beyond the jobs themselves.
  private readonly routeOptions: RouteOptions;
  private readonly sink: RouteSink & {
    messageId: string;
    eventType: string;
    trace: PublishTrace | undefined;
  };
  private readonly telemetry: Telemetry | undefined;

  constructor(options: WebhooksOptions = {}) {
    super((error, event) => this.listenerFailed(error, String(event)));
    this.settings = resolveOptions(options);
    const defaults = this.endpointDefaults();
    const endpoints = (options.endpoints ?? []).map((config, index) =>
      resolveEndpoint(config, `endpoints[${index}]`, defaults),
    );
    endpoints.forEach((endpoint, index) => {
      if (endpoints.findIndex((other) => other.id === endpoint.id) !== index) {
        throw new ConfigError(
          `endpoints[${index}].id`,
          `"${endpoint.id}" is used by another endpoint; give each an id`,
        );
      }
    });
    this.ledger = new Ledger(this.settings.queueMaxSize, this.settings.overflow);
    this.drain = new Drain(this.ledger);
    this.telemetry = this.settings.telemetry ? createTelemetry(() => this.ledger.depths()) : undefined;
    this.reporter = new OutcomeReporter(
      this.settings,
      this.settings.overflow,
      this.ledger,
      this.drain,
      {
        emit: (name, payload) => this.emit(name, payload),
        listens: (name) => this.hasListeners(name),
        reportProblem: (error, details) => this.reportError(error, details),
        setState: (endpointId, state) => {
          const entry = this.entries.get(endpointId);
          if (entry) entry.state = state;
        },
        endpoint: (endpointId) => this.entries.get(endpointId)?.endpoint,
      },
      this.settings.logger,
      this.telemetry,
    );
    for (const endpoint of endpoints) {
      this.entries.set(endpoint.id, new EndpointEntry(endpoint));
      this.ledger.addEndpoint(endpoint.id);
    }
    this.routeOptions = { target: 'all', endpointId: undefined, maxBodyBytes: this.settings.maxBodyBytes };
    this.sink = this.createSink();
    this.engine = this.settings.engine ?? inlineEngine();
    try {
      this.engine.start(this.reporter, endpoints);
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError('engine', toError(error).message);
    }
  }

  /** The delivery engine's name (`inline`, `thread`, `bullmq`, ...). */
  get engineName(): string {
    return this.engine.name;
  }

  /** What `console.log(hooks)` and `util.inspect` show: the engine and the endpoints, never a secret or header. */
  [inspect.custom](): string {
    return `Webhooks ${inspect(this.toJSON(), { depth: 4 })}`;
  }

  /** A summary safe to log: the engine and each endpoint's id, URL (no credentials or query), state and backlog. */
  toJSON(): { engine: string; endpoints: EndpointInfo[] } {
    return { engine: this.engine.name, endpoints: this.endpoints() };
  }

  /**
   * Queues an event for every endpoint that wants it and returns its `webhook-id`. Synchronous, never throws,
   * never does I/O: problems (a bad or unserialisable event, a full queue) are reported through `error` and
   * `dropped`, and `undefined` is returned when the event itself was unusable.
   */
  publish(event: WebhookEnvelope<object>, options?: PublishOptions): string | undefined {
    try {
      return this.route(event as WebhookEvent, options);
    } catch (error) {
      this.reportError(error, { source: 'publish', code: 'PUBLISH_FAILED' });
      return undefined;
    }
  }

  /**
   * Resolves when every delivery published before the call is delivered, finally failed or dropped, or when
   * `timeoutMs` passes. Retries keep their schedule, so without a timeout this can take as long as the schedule.
   */
  flush(options: { timeoutMs?: number } = {}): Promise<FlushResult> {
    return this.drain.flush(options.timeoutMs);
  }

  /**
   * Stops accepting events, waits up to `timeoutMs` for queued deliveries, then cancels the rest (each reported
   * as `dropped` with reason `shutdown`), releases the sockets and returns what could not be delivered.
   * Calling it again returns the same result.
   */
  close(options: { timeoutMs?: number } = {}): Promise<CloseResult> {
    this.closing ??= this.shutDown(options.timeoutMs ?? this.settings.closeTimeoutMs);
    return this.closing;
  }

  /** The Verify button: sends a signed `webhook.verify` ping to an endpoint (by id or URL). */
  async verify(idOrUrl: string): Promise<VerifyResult> {
    const entry = this.find(idOrUrl);
    if (!entry) throw new BothooksError('UNKNOWN_ENDPOINT', `no endpoint has the id or URL "${idOrUrl}"`);
    return checkEndpoint(entry.endpoint, this.requestContext(entry));
  }

  /**
   * Adds an endpoint at runtime. With `verify: true` it is added only if it passes the Verify check;
   * otherwise the promise rejects with an `EndpointVerificationError`.
   */
  async addEndpoint(config: EndpointConfig, options: { verify?: boolean } = {}): Promise<EndpointInfo> {
    if (this.closing) throw new BothooksError('CLOSED', 'addEndpoint() after close()');
    const endpoint = resolveEndpoint(config, 'endpoint', this.endpointDefaults());
    if (this.entries.has(endpoint.id))
      throw new ConfigError('endpoint.id', `"${endpoint.id}" already exists`);
    const entry = new EndpointEntry(endpoint);
    if (options.verify) {
      const result = await checkEndpoint(endpoint, this.requestContext(entry));
      if (!result.ok) {
        await entry.destroy();
        throw new EndpointVerificationError(endpoint.id, { ...result, ok: false });
      }
    }
    if (this.entries.has(endpoint.id) || this.closing) {
      await entry.destroy();
      if (this.closing) throw new BothooksError('CLOSED', 'addEndpoint() after close()');
      throw new ConfigError('endpoint.id', `"${endpoint.id}" already exists`);
    }
    this.entries.set(endpoint.id, entry);
    this.ledger.addEndpoint(endpoint.id);
    this.engine.addEndpoint(endpoint);
    return this.describe(entry);
  }

  /** Removes an endpoint; its undelivered messages are reported as `dropped` (`endpoint-removed`). */
  removeEndpoint(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    const jobs = this.ledger.removeEndpoint(id);
    this.engine.removeEndpoint(id);
    for (const job of jobs) {
      this.reporter.emitDropped(job, id, 'endpoint-removed', `endpoint "${id}" was removed`, job.body);
    }
    if (jobs.length > 0) this.drain.settled();
    void entry.destroy();
    return true;
  }

  /** Re-enables an endpoint disabled by a 410 or `webhook-delivery: disable`. */
  enableEndpoint(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    entry.state = 'active';
    this.engine.enableEndpoint(id);
    return true;
  }

  /** The endpoints and their state. */
  endpoints(): EndpointInfo[] {
    return [...this.entries.values()].map((entry) => this.describe(entry));
  }

  /**
   * The JSON API interaction: calls an endpoint with the turn's event, sent as a signed `jsonapi.request`, and
   * returns its JSON reply as a {@link BotReply}. It runs on the caller's thread whatever the engine (a person is
   * waiting for it), within 10 s and without retries unless told otherwise; each request ends with one `request`
   * event. Rejects with a {@link JsonApiError} on a network failure, timeout, non-2xx status, or an invalid reply.
   */
  async request(
    endpointId: string,
    event: WebhookEnvelope<object>,
    options: JsonApiRequestOptions = {},
  ): Promise<BotReply> {
    const entry = this.find(endpointId);
    if (!entry) throw new JsonApiError('UNKNOWN_ENDPOINT', `no endpoint has the id or URL "${endpointId}"`);
    return requestReply(entry.endpoint, event, options, this.requestContext(entry), (report) => {
      if (!this.emit('request', report) && report.outcome === 'failed') {
        this.settings.logger?.warn(
          `[bothooks] JSON API request to "${report.endpointId}" failed: ${report.error?.code}: ${report.error?.message}`,
        );
      }
    });
  }

  /**
   * Reports a problem through the `error` event (or the logger when nobody listens). Adapters use it so their
   * own faults never reach the bot. Never throws.
   */
  reportError(
    error: unknown,
    details: {
      source: string;
      code?: ErrorReportCode;
      messageId?: string;
      endpointId?: string;
      severity?: 'error' | 'warning';
    },
  ): void {
    try {
      const asError = toError(error);
      // A foreign error's own code (a platform's, Node's) is not one of ours to report.
      const ownCode = (asError as { code?: unknown }).code;
      const code = details.code ?? (isErrorReportCode(ownCode) ? ownCode : 'INTERNAL_ERROR');
      const report: ErrorReport = {
        code,
        message: asError.message,
        error: asError,
        source: details.source,
        severity: details.severity ?? 'error',
        ...(details.messageId !== undefined && { messageId: details.messageId }),
        ...(details.endpointId !== undefined && { endpointId: details.endpointId }),
      };
      if (!this.emit('error', report)) {
        const line = `[bothooks] ${report.source}: ${report.code}: ${report.message}`;
        if (report.severity === 'warning') this.settings.logger?.warn(line);
        else this.settings.logger?.error(line);
      }
    } catch {
      // Reporting must never become a new failure.
    }
  }

  private route(event: WebhookEvent, options: PublishOptions | undefined): string | undefined {
    const problem = eventProblem(event, options);
    if (problem) {
      this.reportError(new BothooksError('INVALID_EVENT', problem), { source: 'publish' });
      return undefined;
    }
    const messageId = options?.id ?? newMessageId();
    if (this.closing) {
      this.reporter.emitDropped(
        { messageId, eventType: event.type, attempts: 0 },
        undefined,
        'closed',
        'publish() after close()',
      );
      return messageId;
    }
    const complete =
      typeof event.timestamp === 'string' ? event : { ...event, timestamp: new Date().toISOString() };
    this.sink.messageId = messageId;
    this.sink.eventType = complete.type;
    this.sink.trace = this.telemetry?.capture();
    this.routeOptions.target = options?.target ?? 'all';
    this.routeOptions.endpointId = options?.endpointId;
    routeEvent(complete, this.entries.values(), this.routeOptions, this.sink);
    return messageId;
  }

  private createSink(): RouteSink & {
    messageId: string;
    eventType: string;
    trace: PublishTrace | undefined;
  } {
    const sink = {
      messageId: '',
      eventType: '',
      trace: undefined as PublishTrace | undefined,
      job: (endpoint: ResolvedEndpoint, body: string, lane: string | undefined) => {
        const job: PendingJob = {
          seq: this.ledger.nextSeq(),
          messageId: sink.messageId,
          endpointId: endpoint.id,
          eventType: sink.eventType,
          body,
          lane,
          attempts: 0,
          lastError: undefined,
          inFlight: false,
          trace: sink.trace,
          traceparent: sink.trace?.traceparent,
        };
        const admission = this.ledger.admit(job);
        if (!admission.admitted) {
          this.dropUnsent(endpoint.id, 'queue-full', `the queue of endpoint "${endpoint.id}" is full`, body);
          return;
        }
        const { evicted } = admission;
        if (evicted) {
          this.engine.cancel(evicted);
          this.reporter.emitDropped(
            evicted,
            endpoint.id,
            'evicted',
            `the queue of endpoint "${endpoint.id}" is full`,
            evicted.body,
          );
          this.drain.settled();
        }
        this.engine.submit(job);
      },
      drop: (endpoint: ResolvedEndpoint, reason: DropReason, message: string, body?: string) =>
        this.dropUnsent(endpoint.id, reason, message, body),
      problem: (error: unknown, source: 'filter' | 'transform' | 'publish', endpoint: ResolvedEndpoint) => {
        if (source === 'publish') {
          this.reportError(
            new BothooksError('UNSERIALIZABLE_EVENT', toError(error).message, { cause: error }),
            { source, messageId: sink.messageId },
          );
          return;
        }
        this.reportError(error, {
          source,
          code: source === 'filter' ? 'FILTER_FAILED' : 'TRANSFORM_FAILED',
          endpointId: endpoint.id,
          messageId: sink.messageId,
        });
      },
    };
    return sink;
  }

  /** Reports an event dropped for an endpoint before it reached the engine. */
  private dropUnsent(endpointId: string, reason: DropReason, message: string, body?: string): void {
    this.reporter.emitDropped(
      { messageId: this.sink.messageId, eventType: this.sink.eventType, attempts: 0 },
      endpointId,
      reason,
      message,
      body,
    );
  }

  private endpointDefaults(): { timeoutMs: number; maxConcurrency: number; eventTypes: readonly string[] } {
    const { timeoutMs, maxConcurrency, eventTypes } = this.settings;
    return { timeoutMs, maxConcurrency, eventTypes };
  }

  private listenerFailed(error: unknown, event: string): void {
    try {
      this.settings.logger?.error(`[bothooks] a "${event}" listener threw: ${toError(error).message}`);
    } catch {
      // A logger that throws has nowhere left to report to.
    }
  }

  private requestContext(entry: EndpointEntry): {
    dispatcher: Agent;
    userAgent: string;
    blockPrivateNetworks: boolean;
  } {
    return {
      dispatcher: entry.requestPool(this.settings.blockPrivateNetworks),
      userAgent: this.settings.userAgent,
      blockPrivateNetworks: this.settings.blockPrivateNetworks,
    };
  }

  private find(idOrUrl: string): EndpointEntry | undefined {
    const byId = this.entries.get(idOrUrl);
    if (byId) return byId;
    for (const entry of this.entries.values()) {
      const { url } = entry.endpoint;
      if (url.href === idOrUrl || defaultEndpointId(url) === idOrUrl) return entry;
    }
    return undefined;
  }

  private describe(entry: EndpointEntry): EndpointInfo {
    const { endpoint } = entry;
    return {
      id: endpoint.id,
      url: defaultEndpointId(endpoint.url),
      state: entry.state,
      pending: this.ledger.count(endpoint.id),
      ordering: endpoint.ordering,
    };
  }

  private async shutDown(timeoutMs: number): Promise<CloseResult> {
    await this.drain.flush(timeoutMs);
    await this.engine.close();
    const undelivered: UndeliveredMessage[] = [];
    for (const [endpointId, entry] of this.entries) {
      for (const job of this.ledger.removeEndpoint(endpointId)) {
        undelivered.push({
          messageId: job.messageId,
          endpointId,
          type: job.eventType,
          attempts: job.attempts,
          ...(job.lastError && { lastError: job.lastError }),
          body: job.body,
        });
        this.reporter.emitDropped(
          job,
          endpointId,
          'shutdown',
          'close() ended before it was delivered',
          job.body,
        );
      }
      await entry.destroy();
    }
    return { undelivered };
  }
}

/**
 * Creates a webhook sender. Invalid options throw a {@link ConfigError} naming the field, here and now.
 *
 * @example
 * ```ts
 * const hooks = createWebhooks({
 *   endpoints: [{ url: 'https://crm.example.com/bot-events', secret: process.env.CRM_WEBHOOK_SECRET }],
 * });
 * hooks.on('failed', (event) => console.warn('webhook failed', event));
 * ```
 */
export function createWebhooks(options: WebhooksOptions = {}): Webhooks {
  return new Webhooks(options);
}
