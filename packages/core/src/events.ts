import type { ErrorReportCode } from './error-codes';
import type { RequestReport } from './json-api';

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
  /** The exact body that was sent: republish it with `publish(JSON.parse(body), { id: messageId, endpointId })`. */
  body?: string;
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
  | 'shutdown'
  /** The delivery engine lost the job (a worker thread that kept crashing) and could not hand it over again. */
  | 'engine-failed';

/** A delivery was dropped. Nothing is ever lost without one of these (or `failed`). */
export interface DroppedEvent {
  messageId: string;
  /** The endpoint, or undefined when the event was refused for every endpoint (after `close()`). */
  endpointId: string | undefined;
  type: string;
  reason: DropReason;
  message: string;
  attempts: number;
  /** The body that would have been sent, when it was serialised before the drop. */
  body?: string;
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
  /** A stable code to branch on, one of `ERROR_REPORT_CODES`. */
  code: ErrorReportCode;
  message: string;
  error: Error;
  /** Where it happened: `publish`, `filter`, `transform`, `listener` or the adapter's name. */
  source: string;
  /** `warning` for a configuration that works but loses something (e.g. missing intents); logged with `warn`. */
  severity: 'error' | 'warning';
  messageId?: string;
  endpointId?: string;
}

/** A durable engine (`@bothooks/bullmq`) stored these messages: from here on they survive a crash of this process. */
export interface StoredEvent {
  messageIds: string[];
}

/** The events of a `Webhooks` instance and their payloads. */
export interface WebhooksEvents {
  delivered: DeliveredEvent;
  retrying: RetryingEvent;
  failed: FailedEvent;
  dropped: DroppedEvent;
  'endpoint-disabled': EndpointDisabledEvent;
  'circuit-open': CircuitEvent;
  'circuit-closed': CircuitEvent;
  stored: StoredEvent;
  /** A JSON API request (`hooks.request()`) ended: replied or failed, with its status and latency. */
  request: RequestReport;
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
  /**
   * Only this endpoint (by id): how a failed or dropped delivery is replayed without repeating it to the others.
   * @default every matching endpoint
   */
  endpointId?: string;
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
  /** The body that was to be sent. */
  body?: string;
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
