import type { BotReply } from './bot-reply';
import {
  acceptsType,
  defaultEndpointId,
  type EndpointConfig,
  type ResolvedEndpoint,
  type ResolvedOptions,
  resolveEndpoint,
  resolveOptions,
  type WebhooksOptions,
} from './config';
import { SafeEmitter } from './emitter';
import { checkEndpoint, type VerifyResult } from './endpoint-check';
import { type DeliveryJob, EndpointQueue, type QueueReporter } from './endpoint-queue';
import {
  BothooksError,
  ConfigError,
  type DeliveryError,
  EndpointVerificationError,
  JsonApiError,
  toError,
} from './errors';
import { conversationKey, type MessageEventData, type WebhookEnvelope, type WebhookEvent } from './event';
import { newMessageId } from './ids';
import { type JsonApiRequestOptions, requestReply } from './json-api';

/** A failure, as events describe it: never a secret, never a request header. */
export interface ErrorInfo {
  code: string;
  message: string;
  status?: number;
}

/** A message reached an endpoint (2xx). */
export interface DeliveredEvent {
  messageId: string;
  endpointId: string;
  type: string;
  status: number;
  attempts: number;
  durationMs: number;
}

/** An attempt failed and another is scheduled. */
export interface RetryingEvent {
  messageId: string;
  endpointId: string;
  type: string;
  attempts: number;
  delayMs: number;
  error: ErrorInfo;
}

/** A message finally failed for an endpoint: retries exhausted, 410, or refused by the receiver. */
export interface FailedEvent {
  messageId: string;
  endpointId: string;
  type: string;
  attempts: number;
  error: ErrorInfo;
}

/** Why a delivery was dropped without being attempted to the end. */
export type DropReason =
  | 'queue-full'
  | 'evicted'
  | 'payload-too-large'
  | 'unserializable'
  | 'transform-failed'
  | 'endpoint-disabled'
  | 'endpoint-removed'
  | 'closed'
  | 'shutdown';

/** A delivery was dropped. Nothing is ever lost without one of these (or `failed`). */
export interface DroppedEvent {
  messageId: string;
  /** The endpoint, or undefined when the event was refused for every endpoint (after `close()`). */
  endpointId: string | undefined;
  type: string;
  reason: DropReason;
  message: string;
  attempts: number;
}

/** An endpoint stopped receiving: it answered 410 or `webhook-delivery: disable`. `enableEndpoint` turns it back on. */
export interface EndpointDisabledEvent {
  endpointId: string;
  error: ErrorInfo;
}

/** An endpoint's circuit opened (deliveries paused for `cooldownMs`) or closed again. */
export interface CircuitEvent {
  endpointId: string;
  cooldownMs: number;
}

/** Something went wrong that is not a delivery outcome: a bad event, a throwing filter or listener, an adapter fault. */
export interface ErrorReport {
  code: string;
  message: string;
  error: Error;
  /** Where it happened: `publish`, `filter`, `transform`, `listener` or the adapter's name. */
  source: string;
  /** `warning` for a configuration that works but loses something (e.g. missing intents); logged with `warn`. */
  severity: 'error' | 'warning';
  messageId?: string;
  endpointId?: string;
}

/** The events of a {@link Webhooks} instance and their payloads. */
export interface WebhooksEvents {
  delivered: DeliveredEvent;
  retrying: RetryingEvent;
  failed: FailedEvent;
  dropped: DroppedEvent;
  'endpoint-disabled': EndpointDisabledEvent;
  'circuit-open': CircuitEvent;
  'circuit-closed': CircuitEvent;
  error: ErrorReport;
}

/** Options of `publish`. */
export interface PublishOptions {
  /** The `webhook-id` to use; republishing with the same id lets receivers deduplicate. @default a new `msg_...` id */
  id?: string;
  /**
   * `interaction`: only the endpoints scoped to the event's `data.interaction` (used by adapters when a turn is
   * tagged after its inbound message already went to the other endpoints).
   * @default 'all'
   */
  target?: 'all' | 'interaction';
}

/** What `flush()` achieved. */
export interface FlushResult {
  /** True when everything published before the call was delivered, failed or dropped. */
  settled: boolean;
  /** Deliveries from before the call still unsettled (0 when `settled`). */
  pending: number;
}

/** One delivery `close()` could not complete. */
export interface UndeliveredMessage {
  messageId: string;
  endpointId: string;
  type: string;
  attempts: number;
  lastError?: ErrorInfo;
}

/** What `close()` could not deliver. */
export interface CloseResult {
  undelivered: UndeliveredMessage[];
}

/** An endpoint's current state. */
export interface EndpointInfo {
  id: string;
  /** The URL without credentials or query. */
  url: string;
  state: 'active' | 'disabled' | 'circuit-open';
  /** Deliveries queued, in flight or waiting to retry. */
  pending: number;
  ordering: 'none' | 'conversation';
}

const EVENT_TYPE = /^[a-zA-Z0-9_]+(\.[a-zA-Z0-9_]+)*$/;
const MESSAGE_ID = /^[A-Za-z0-9_-]{1,128}$/;

function errorInfo(error: DeliveryError | BothooksError): ErrorInfo {
  const status = (error as { status?: number }).status;
  return { code: error.code, message: error.message, ...(status !== undefined && { status }) };
}

function serialize(value: unknown): string | undefined {
  const body = JSON.stringify(value);
  return typeof body === 'string' ? body : undefined;
}

/**
 * Sends signed webhooks to a set of endpoints, reliably and without ever blocking or throwing into the caller.
 * Create it with {@link createWebhooks}.
 */
export class Webhooks extends SafeEmitter<WebhooksEvents> {
  private readonly settings: ResolvedOptions;
  private readonly queues = new Map<string, EndpointQueue>();
  private seq = 0;
  private closing: Promise<CloseResult> | undefined;
  private readonly flushWaiters = new Set<{ mark: number; done: () => void }>();
  private keepAlive: NodeJS.Timeout | undefined;
  private flushCheckScheduled = false;

  constructor(options: WebhooksOptions = {}) {
    super((error, event) => this.listenerFailed(error, String(event)));
    this.settings = resolveOptions(options);
    const defaults = { timeoutMs: this.settings.timeoutMs, maxConcurrency: this.settings.maxConcurrency };
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
    for (const endpoint of endpoints) this.queues.set(endpoint.id, this.createQueue(endpoint));
  }

  /**
   * Queues an event for every endpoint that wants it and returns its `webhook-id`. Synchronous, never throws,
   * never does I/O: problems (a bad or unserialisable event, a full queue) are reported through `error` and
   * `dropped`, and `undefined` is returned when the event itself was unusable.
   */
  publish(event: WebhookEnvelope<object>, options?: PublishOptions): string | undefined {
    try {
      return this.enqueue(event as WebhookEvent, options);
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
    const mark = this.seq;
    if (this.pendingUpTo(mark) === 0) return Promise.resolve({ settled: true, pending: 0 });
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter = {
        mark,
        done: () => {
          clearTimeout(timer);
          this.flushWaiters.delete(waiter);
          this.updateKeepAlive();
          const pending = this.pendingUpTo(mark);
          resolve({ settled: pending === 0, pending });
        },
      };
      if (options.timeoutMs !== undefined) timer = setTimeout(waiter.done, Math.max(0, options.timeoutMs));
      this.flushWaiters.add(waiter);
      this.updateKeepAlive();
    });
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
    const queue = this.findQueue(idOrUrl);
    if (!queue) throw new BothooksError('UNKNOWN_ENDPOINT', `no endpoint has the id or URL "${idOrUrl}"`);
    return checkEndpoint(queue.endpoint, this.context(queue));
  }

  /**
   * Adds an endpoint at runtime. With `verify: true` it is added only if it passes the Verify check;
   * otherwise the promise rejects with an `EndpointVerificationError`.
   */
  async addEndpoint(config: EndpointConfig, options: { verify?: boolean } = {}): Promise<EndpointInfo> {
    if (this.closing) throw new BothooksError('CLOSED', 'addEndpoint() after close()');
    const endpoint = resolveEndpoint(config, 'endpoint', {
      timeoutMs: this.settings.timeoutMs,
      maxConcurrency: this.settings.maxConcurrency,
    });
    if (this.queues.has(endpoint.id)) throw new ConfigError('endpoint.id', `"${endpoint.id}" already exists`);
    const queue = this.createQueue(endpoint);
    if (options.verify) {
      const result = await checkEndpoint(endpoint, this.context(queue));
      if (!result.ok) {
        await queue.destroy();
        throw new EndpointVerificationError(endpoint.id, { ...result, ok: false });
      }
    }
    if (this.queues.has(endpoint.id)) {
      await queue.destroy();
      throw new ConfigError('endpoint.id', `"${endpoint.id}" already exists`);
    }
    this.queues.set(endpoint.id, queue);
    return this.describe(queue);
  }

  /** Removes an endpoint; its undelivered messages are reported as `dropped` (`endpoint-removed`). */
  removeEndpoint(id: string): boolean {
    const queue = this.queues.get(id);
    if (!queue) return false;
    this.queues.delete(id);
    for (const job of queue.cancelAll()) {
      this.dropped(job, id, 'endpoint-removed', `endpoint "${id}" was removed`);
    }
    void queue.destroy();
    return true;
  }

  /** Re-enables an endpoint disabled by a 410 or `webhook-delivery: disable`. */
  enableEndpoint(id: string): boolean {
    const queue = this.queues.get(id);
    if (!queue) return false;
    queue.enable();
    return true;
  }

  /** The endpoints and their state. */
  endpoints(): EndpointInfo[] {
    return [...this.queues.values()].map((queue) => this.describe(queue));
  }

  /**
   * The JSON API interaction: calls an endpoint with an event and returns its JSON reply as a {@link BotReply}.
   * No retries (a person is waiting); rejects with a {@link JsonApiError} on a network failure, timeout,
   * non-2xx status, or a reply that is not valid.
   */
  async request(
    endpointId: string,
    event: WebhookEvent,
    options: JsonApiRequestOptions = {},
  ): Promise<BotReply> {
    const queue = this.findQueue(endpointId);
    if (!queue) throw new JsonApiError('UNKNOWN_ENDPOINT', `no endpoint has the id or URL "${endpointId}"`);
    return requestReply(queue.endpoint, event, options, this.context(queue));
  }

  /**
   * Reports a problem through the `error` event (or the logger when nobody listens). Adapters use it so their
   * own faults never reach the bot. Never throws.
   */
  reportError(
    error: unknown,
    details: {
      source: string;
      code?: string;
      messageId?: string;
      endpointId?: string;
      severity?: 'error' | 'warning';
    },
  ): void {
    try {
      const asError = toError(error);
      const code =
        details.code ?? ((asError as { code?: unknown }).code as string | undefined) ?? 'INTERNAL_ERROR';
      const report: ErrorReport = {
        code: typeof code === 'string' ? code : 'INTERNAL_ERROR',
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

  private enqueue(event: WebhookEvent, options: PublishOptions | undefined): string | undefined {
    const problem = this.validate(event, options);
    if (problem) {
      this.reportError(new BothooksError('INVALID_EVENT', problem), { source: 'publish' });
      return undefined;
    }
    const messageId = options?.id ?? newMessageId();
    const complete =
      typeof event.timestamp === 'string' ? event : { ...event, timestamp: new Date().toISOString() };
    if (this.closing) {
      this.dropped(
        { messageId, eventType: event.type, attempts: 0 },
        undefined,
        'closed',
        'publish() after close()',
      );
      return messageId;
    }
    let lane: string | undefined;
    let laneKnown = false;
    let shared: { body: string | undefined } | undefined;
    for (const queue of this.queues.values()) {
      const { endpoint } = queue;
      if (!this.wants(endpoint, complete, options?.target ?? 'all')) continue;
      let body: string | undefined;
      if (endpoint.transform) {
        body = this.transformBody(endpoint, complete, messageId);
        if (body === undefined) {
          this.dropUnsent(
            messageId,
            complete.type,
            endpoint.id,
            'transform-failed',
            'the transform threw or returned nothing serialisable',
          );
          continue;
        }
      } else {
        shared ??= this.serializeShared(complete, messageId);
        body = shared.body;
        if (body === undefined) {
          this.dropUnsent(
            messageId,
            complete.type,
            endpoint.id,
            'unserializable',
            'the event cannot be serialised to JSON',
          );
          continue;
        }
      }
      if (this.tooLarge(body)) {
        this.dropUnsent(
          messageId,
          complete.type,
          endpoint.id,
          'payload-too-large',
          `the body exceeds maxBodyBytes (${this.settings.maxBodyBytes})`,
        );
        continue;
      }
      if (queue.disabled) {
        this.dropUnsent(
          messageId,
          complete.type,
          endpoint.id,
          'endpoint-disabled',
          `endpoint "${endpoint.id}" is disabled`,
        );
        continue;
      }
      // Only ordered endpoints need the conversation key; work it out once, when the first one does.
      if (endpoint.ordering === 'conversation' && !laneKnown) {
        lane = conversationKey(complete);
        laneKnown = true;
      }
      this.seq += 1;
      const job: DeliveryJob = {
        messageId,
        eventType: complete.type,
        body,
        lane: endpoint.ordering === 'conversation' ? lane : undefined,
        seq: this.seq,
        attempts: 0,
        state: 'ready',
        lastError: undefined,
        timer: undefined,
        abort: undefined,
      };
      if (!queue.enqueue(job)) {
        this.dropUnsent(
          messageId,
          complete.type,
          endpoint.id,
          'queue-full',
          `the queue of endpoint "${endpoint.id}" is full`,
        );
      }
    }
    return messageId;
  }

  private tooLarge(body: string): boolean {
    const limit = this.settings.maxBodyBytes;
    // A UTF-16 length over the limit is over in bytes too; only near the limit is the byte count needed.
    return body.length > limit || (body.length * 3 > limit && Buffer.byteLength(body) > limit);
  }

  private validate(event: WebhookEvent, options: PublishOptions | undefined): string | undefined {
    if (typeof event !== 'object' || event === null) return 'the event must be an object';
    if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
      return 'event.type must be a dot-separated name like "message.received"';
    }
    if (typeof event.data !== 'object' || event.data === null) return 'event.data must be an object';
    if (event.timestamp !== undefined && typeof event.timestamp !== 'string') {
      return 'event.timestamp must be an ISO 8601 string';
    }
    if (options?.id !== undefined && (typeof options.id !== 'string' || !MESSAGE_ID.test(options.id))) {
      return 'options.id must be 1 to 128 letters, digits, "_" or "-"';
    }
    return undefined;
  }

  private wants(endpoint: ResolvedEndpoint, event: WebhookEvent, target: 'all' | 'interaction'): boolean {
    if (!acceptsType(endpoint, event.type)) return false;
    const interaction = (event.data as Partial<MessageEventData>).interaction;
    if (endpoint.interactions) {
      if (typeof interaction !== 'string' || !endpoint.interactions.has(interaction)) return false;
    } else if (target === 'interaction') {
      return false;
    }
    if (!endpoint.filter) return true;
    try {
      return endpoint.filter(event) === true;
    } catch (error) {
      this.reportError(error, { source: 'filter', code: 'FILTER_FAILED', endpointId: endpoint.id });
      return false;
    }
  }

  private serializeShared(event: WebhookEvent, messageId: string): { body: string | undefined } {
    try {
      const body = serialize(event);
      if (body === undefined) throw new Error('JSON.stringify returned nothing');
      return { body };
    } catch (error) {
      this.reportError(new BothooksError('UNSERIALIZABLE_EVENT', toError(error).message, { cause: error }), {
        source: 'publish',
        messageId,
      });
      return { body: undefined };
    }
  }

  private transformBody(
    endpoint: ResolvedEndpoint,
    event: WebhookEvent,
    messageId: string,
  ): string | undefined {
    try {
      const transformed = endpoint.transform?.(event);
      return serialize(transformed);
    } catch (error) {
      this.reportError(error, {
        source: 'transform',
        code: 'TRANSFORM_FAILED',
        endpointId: endpoint.id,
        messageId,
      });
      return undefined;
    }
  }

  private createQueue(endpoint: ResolvedEndpoint): EndpointQueue {
    const endpointId = endpoint.id;
    const reporter: QueueReporter = {
      delivered: (job, status, durationMs) => {
        if (!this.hasListeners('delivered')) return;
        this.emit('delivered', {
          messageId: job.messageId,
          endpointId,
          type: job.eventType,
          status,
          attempts: job.attempts,
          durationMs: Math.round(durationMs),
        });
      },
      retrying: (job, error, delayMs) => {
        if (!this.hasListeners('retrying')) return;
        this.emit('retrying', {
          messageId: job.messageId,
          endpointId,
          type: job.eventType,
          attempts: job.attempts,
          delayMs,
          error: errorInfo(error),
        });
      },
      failed: (job, error) => {
        const payload: FailedEvent = {
          messageId: job.messageId,
          endpointId,
          type: job.eventType,
          attempts: job.attempts,
          error: errorInfo(error),
        };
        if (!this.emit('failed', payload)) {
          this.settings.logger?.warn(
            `[bothooks] delivery of ${job.messageId} to "${endpointId}" failed after ${job.attempts} attempt(s): ${error.code}: ${error.message}`,
          );
        }
      },
      dropped: (job, reason, message) => this.dropped(job, endpointId, reason, message),
      disabled: (error) => {
        if (!this.emit('endpoint-disabled', { endpointId, error: errorInfo(error) })) {
          this.settings.logger?.warn(`[bothooks] endpoint "${endpointId}" disabled: ${error.message}`);
        }
      },
      circuit: (state, cooldownMs) => {
        if (state === 'closed') {
          this.emit('circuit-closed', { endpointId, cooldownMs });
        } else if (!this.emit('circuit-open', { endpointId, cooldownMs })) {
          this.settings.logger?.warn(
            `[bothooks] endpoint "${endpointId}" keeps failing; pausing deliveries for ${cooldownMs} ms`,
          );
        }
      },
      settled: () => {
        // Once per loop turn at most, however many deliveries settled in it.
        if (this.flushWaiters.size === 0 || this.flushCheckScheduled) return;
        this.flushCheckScheduled = true;
        setImmediate(() => {
          this.flushCheckScheduled = false;
          this.checkFlushWaiters();
        });
      },
    };
    return new EndpointQueue(endpoint, this.settings, reporter);
  }

  /** Reports an event dropped for an endpoint before any attempt. */
  private dropUnsent(
    messageId: string,
    eventType: string,
    endpointId: string,
    reason: DropReason,
    message: string,
  ): void {
    this.dropped({ messageId, eventType, attempts: 0 }, endpointId, reason, message);
  }

  private dropped(
    job: Pick<DeliveryJob, 'messageId' | 'eventType' | 'attempts'>,
    endpointId: string | undefined,
    reason: DropReason,
    message: string,
  ): void {
    const payload: DroppedEvent = {
      messageId: job.messageId,
      endpointId,
      type: job.eventType,
      reason,
      message,
      attempts: job.attempts,
    };
    if (!this.emit('dropped', payload)) {
      const where = endpointId === undefined ? '' : ` for "${endpointId}"`;
      this.settings.logger?.warn(`[bothooks] dropped ${job.messageId}${where} (${reason}): ${message}`);
    }
  }

  private listenerFailed(error: unknown, event: string): void {
    try {
      this.settings.logger?.error(`[bothooks] a "${event}" listener threw: ${toError(error).message}`);
    } catch {
      // A logger that throws has nowhere left to report to.
    }
  }

  private context(queue: EndpointQueue): {
    dispatcher: EndpointQueue['dispatcher'];
    userAgent: string;
    blockPrivateNetworks: boolean;
  } {
    return {
      dispatcher: queue.dispatcher,
      userAgent: this.settings.userAgent,
      blockPrivateNetworks: this.settings.blockPrivateNetworks,
    };
  }

  private findQueue(idOrUrl: string): EndpointQueue | undefined {
    const byId = this.queues.get(idOrUrl);
    if (byId) return byId;
    for (const queue of this.queues.values()) {
      if (queue.endpoint.url.href === idOrUrl || defaultEndpointId(queue.endpoint.url) === idOrUrl)
        return queue;
    }
    return undefined;
  }

  private describe(queue: EndpointQueue): EndpointInfo {
    return {
      id: queue.endpoint.id,
      url: defaultEndpointId(queue.endpoint.url),
      state: queue.disabled ? 'disabled' : queue.circuitState === 'open' ? 'circuit-open' : 'active',
      pending: queue.pending.size,
      ordering: queue.endpoint.ordering,
    };
  }

  private pendingUpTo(mark: number): number {
    let count = 0;
    for (const queue of this.queues.values()) {
      for (const job of queue.pending) {
        if (job.seq > mark) break; // pending keeps publish order
        count += 1;
      }
    }
    return count;
  }

  // Runs after every settled delivery while someone awaits flush(): keep it free of allocations.
  private checkFlushWaiters(): void {
    let oldest = Number.POSITIVE_INFINITY;
    for (const queue of this.queues.values()) {
      for (const job of queue.pending) {
        if (job.seq < oldest) oldest = job.seq;
        break; // pending keeps publish order: the first is the oldest
      }
    }
    for (const waiter of this.flushWaiters) if (waiter.mark < oldest) waiter.done();
  }

  // Retry timers are unref'd so a pending retry never keeps a finished process alive; while someone awaits
  // flush() or close(), this handle keeps the process running until they resolve.
  private updateKeepAlive(): void {
    if (this.flushWaiters.size > 0 && !this.keepAlive) {
      this.keepAlive = setInterval(() => undefined, 60_000);
    } else if (this.flushWaiters.size === 0 && this.keepAlive) {
      clearInterval(this.keepAlive);
      this.keepAlive = undefined;
    }
  }

  private async shutDown(timeoutMs: number): Promise<CloseResult> {
    await this.flush({ timeoutMs });
    const undelivered: UndeliveredMessage[] = [];
    const queues = [...this.queues.values()];
    for (const queue of queues) {
      for (const job of queue.cancelAll()) {
        undelivered.push({
          messageId: job.messageId,
          endpointId: queue.endpoint.id,
          type: job.eventType,
          attempts: job.attempts,
          ...(job.lastError && { lastError: errorInfo(job.lastError) }),
        });
        this.dropped(job, queue.endpoint.id, 'shutdown', 'close() ended before it was delivered');
      }
    }
    await Promise.all(queues.map((queue) => queue.destroy()));
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
