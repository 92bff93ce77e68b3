import type { ResolvedEndpoint } from './config';
import { conversationKey, type MessageEventData, type WebhookEvent } from './event';
import type { DropReason } from './events';
import { acceptsType } from './resolve-endpoint';

const EVENT_TYPE = /^[a-zA-Z0-9_]+(\.[a-zA-Z0-9_]+)*$/;
const MESSAGE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Why an event cannot be published at all, or undefined when it can. */
export function eventProblem(event: WebhookEvent, options: { id?: unknown } | undefined): string | undefined {
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

/** An endpoint as routing sees it. */
export interface RouteCandidate {
  readonly endpoint: ResolvedEndpoint;
  readonly disabled: boolean;
}

/** What routing decides, told one decision at a time so the hot path allocates no result arrays. */
export interface RouteSink {
  /** A delivery to make: the exact body to sign and send, and its ordering lane. */
  job(endpoint: ResolvedEndpoint, body: string, lane: string | undefined): void;
  /** The event will not reach this endpoint. `body` is set when it was serialised before the decision. */
  drop(endpoint: ResolvedEndpoint, reason: DropReason, message: string, body?: string): void;
  /** User code (a filter or transform) threw, or the event cannot be serialised. */
  problem(error: unknown, source: 'filter' | 'transform' | 'publish', endpoint: ResolvedEndpoint): void;
}

/** Where an event goes. */
export interface RouteOptions {
  /** `interaction`: only the endpoints scoped to the event's `data.interaction`. */
  target: 'all' | 'interaction';
  /** Only this endpoint (a replay), when set. */
  endpointId?: string | undefined;
  maxBodyBytes: number;
}

/**
 * Routes one event to endpoints: type patterns, interaction scopes, filters, transforms, serialisation to the
 * exact body that is signed, the size limit and disabled endpoints. It does no I/O and keeps no state, so it is
 * tested without sockets; user code that throws is reported to the sink, never thrown.
 */
export function routeEvent(
  event: WebhookEvent,
  candidates: Iterable<RouteCandidate>,
  options: RouteOptions,
  sink: RouteSink,
): void {
  let lane: string | undefined;
  let laneKnown = false;
  // The envelope is serialised once and shared by every endpoint without a transform.
  let shared: string | undefined;
  let sharedFailed = false;
  for (const { endpoint, disabled } of candidates) {
    if (options.endpointId !== undefined && endpoint.id !== options.endpointId) continue;
    if (!wants(endpoint, event, options.target, sink)) continue;
    let body: string | undefined;
    if (endpoint.transform) {
      body = transformedBody(endpoint, event, sink);
      if (body === undefined) {
        sink.drop(endpoint, 'transform-failed', 'the transform threw or returned nothing serialisable');
        continue;
      }
    } else {
      if (shared === undefined && !sharedFailed) {
        shared = serialise(event, endpoint, sink);
        sharedFailed = shared === undefined;
      }
      body = shared;
      if (body === undefined) {
        sink.drop(endpoint, 'unserializable', 'the event cannot be serialised to JSON');
        continue;
      }
    }
    if (tooLarge(body, options.maxBodyBytes)) {
      sink.drop(
        endpoint,
        'payload-too-large',
        `the body exceeds maxBodyBytes (${options.maxBodyBytes})`,
        body,
      );
      continue;
    }
    if (disabled) {
      sink.drop(endpoint, 'endpoint-disabled', `endpoint "${endpoint.id}" is disabled`, body);
      continue;
    }
    // Only ordered endpoints need the conversation key; work it out once, when the first one does.
    if (endpoint.ordering === 'conversation' && !laneKnown) {
      lane = conversationKey(event);
      laneKnown = true;
    }
    sink.job(endpoint, body, endpoint.ordering === 'conversation' ? lane : undefined);
  }
}

function wants(
  endpoint: ResolvedEndpoint,
  event: WebhookEvent,
  target: 'all' | 'interaction',
  sink: RouteSink,
): boolean {
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
    sink.problem(error, 'filter', endpoint);
    return false;
  }
}

function serialise(event: WebhookEvent, endpoint: ResolvedEndpoint, sink: RouteSink): string | undefined {
  try {
    const body = JSON.stringify(event);
    if (typeof body !== 'string') throw new Error('JSON.stringify returned nothing');
    return body;
  } catch (error) {
    sink.problem(error, 'publish', endpoint);
    return undefined;
  }
}

function transformedBody(
  endpoint: ResolvedEndpoint,
  event: WebhookEvent,
  sink: RouteSink,
): string | undefined {
  try {
    const body = JSON.stringify(endpoint.transform?.(event));
    return typeof body === 'string' ? body : undefined;
  } catch (error) {
    sink.problem(error, 'transform', endpoint);
    return undefined;
  }
}

function tooLarge(body: string, limit: number): boolean {
  // A UTF-16 length over the limit is over in bytes too; only near the limit is the byte count needed.
  return body.length > limit || (body.length * 3 > limit && Buffer.byteLength(body) > limit);
}
