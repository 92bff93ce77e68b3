import type { Dispatcher } from 'undici';
import { webhookHeaders } from './attempt';
import { type BotReply, eventQuery, parseBotReply } from './bot-reply';
import type { ResolvedEndpoint } from './config';
import { DEFAULTS } from './defaults';
import { BothooksError, DeliveryError, JsonApiError } from './errors';
import type { MessageEventData, WebhookEnvelope, WebhookEvent } from './event';
import { newMessageId } from './ids';
import { exchange, headerValue } from './transport';

/** Options of `hooks.request`. */
export interface JsonApiRequestOptions {
  /**
   * `POST` sends the signed `jsonapi.request` envelope as the body. `GET` sends its key fields as query
   * parameters (`type`, `platform`, `conversation_id`, `user_id`, `text`, `attributes.<name>`, ...) and signs the
   * exact query string instead of a body: `${webhook-id}.${webhook-timestamp}.${query}`.
   * @default 'POST'
   */
  method?: 'POST' | 'GET';
  /**
   * How long to wait for the whole reply, in ms. Well under the platforms' turn limits (Bot Framework gives a turn
   * about 15 s, Telegram webhooks 60 s): a person is waiting.
   * @default 10_000
   */
  timeoutMs?: number;
  /** Largest reply accepted, in bytes; a larger one is refused without being downloaded. @default 262_144 */
  maxResponseBytes?: number;
  /**
   * Further attempts after a network failure, a timeout or a 5xx, within the same `timeoutMs` budget. None by
   * default: a person is waiting, and a second call may repeat a side effect.
   * @default 0
   */
  retries?: number;
}

/** How one JSON API request ended: the `request` event of `hooks.on`. */
export interface RequestReport {
  /** The request's `webhook-id`. */
  messageId: string;
  endpointId: string;
  method: 'POST' | 'GET';
  /** `replied`: a valid reply came back. `failed`: see `error`. */
  outcome: 'replied' | 'failed';
  /** The HTTP status of the last attempt, when the endpoint answered. */
  status?: number;
  /** From the request to the parsed reply (or the failure), across attempts. */
  latencyMs: number;
  attempts: number;
  /** The reply's messages, when it replied. */
  messages?: number;
  error?: { code: string; message: string; status?: number };
}

/** What a request needs besides the endpoint: the pool, the user agent, the SSRF guard. */
export interface RequestContext {
  dispatcher: Dispatcher;
  userAgent: string;
  blockPrivateNetworks: boolean;
}

/**
 * The event a JSON API request sends: the turn's message event data under its own type, `jsonapi.request`, so a
 * receiver knows it is expected to answer with a `BotReply`.
 */
export function jsonApiRequestEvent(event: WebhookEnvelope<object>): WebhookEvent {
  return {
    type: 'jsonapi.request',
    timestamp: event.timestamp ?? new Date().toISOString(),
    data: event.data as MessageEventData,
  } as WebhookEvent;
}

function resolveRequestOptions(options: JsonApiRequestOptions): Required<JsonApiRequestOptions> {
  const defaults = DEFAULTS.jsonApi;
  const method = options.method ?? defaults.method;
  if (method !== 'POST' && method !== 'GET') {
    throw new JsonApiError('INVALID_OPTIONS', "options.method must be 'POST' or 'GET'");
  }
  const integer = (
    value: number | undefined,
    name: string,
    fallback: number,
    minimum: number,
    maximum: number,
  ) => {
    const resolved = value ?? fallback;
    if (!Number.isInteger(resolved) || resolved < minimum || resolved > maximum) {
      throw new JsonApiError(
        'INVALID_OPTIONS',
        `options.${name} must be an integer from ${minimum} to ${maximum}`,
      );
    }
    return resolved;
  };
  return {
    method,
    timeoutMs: integer(options.timeoutMs, 'timeoutMs', defaults.timeoutMs, 1, 120_000),
    maxResponseBytes: integer(
      options.maxResponseBytes,
      'maxResponseBytes',
      defaults.maxResponseBytes,
      1,
      10_485_760,
    ),
    retries: integer(options.retries, 'retries', defaults.retries, 0, 5),
  };
}

/**
 * Calls a JSON API endpoint with an event and returns its reply, validated and normalised. Reports how it went
 * through `report` (the facade's `request` event), whatever the outcome.
 */
export async function requestReply(
  endpoint: ResolvedEndpoint,
  event: WebhookEnvelope<object>,
  options: JsonApiRequestOptions,
  context: RequestContext,
  report: (outcome: RequestReport) => void,
): Promise<BotReply> {
  const settings = resolveRequestOptions(options);
  const messageId = newMessageId();
  const started = performance.now();
  const deadline = started + settings.timeoutMs;
  let attempts = 0;
  let status: number | undefined;
  const finish = (outcome: Pick<RequestReport, 'outcome' | 'messages' | 'error'>) =>
    report({
      messageId,
      endpointId: endpoint.id,
      method: settings.method,
      ...outcome,
      ...(status !== undefined && { status }),
      latencyMs: Math.round(performance.now() - started),
      attempts,
    });
  const request = jsonApiRequestEvent(event);
  for (;;) {
    attempts += 1;
    try {
      const remaining = Math.max(1, Math.round(deadline - performance.now()));
      const answer = await attempt(endpoint, request, messageId, settings, remaining, context);
      status = answer.status;
      const reply = readReply(answer);
      finish({ outcome: 'replied', messages: reply.messages.length });
      return reply;
    } catch (error) {
      const failure =
        error instanceof JsonApiError
          ? error
          : new JsonApiError('NETWORK_ERROR', error instanceof Error ? error.message : String(error));
      if (failure.status !== undefined) status = failure.status;
      const retryable =
        ['TIMEOUT', 'CONNECTION_REFUSED', 'CONNECTION_RESET', 'NETWORK_ERROR', 'DNS_FAILURE'].includes(
          failure.code,
        ) ||
        (failure.code === 'HTTP_STATUS' && (failure.status ?? 0) >= 500);
      if (retryable && attempts <= settings.retries && performance.now() < deadline) continue;
      finish({
        outcome: 'failed',
        error: {
          code: failure.code,
          message: failure.message,
          ...(failure.status !== undefined && { status: failure.status }),
        },
      });
      throw failure;
    }
  }
}

async function attempt(
  endpoint: ResolvedEndpoint,
  event: WebhookEvent,
  messageId: string,
  settings: Required<JsonApiRequestOptions>,
  timeoutMs: number,
  context: RequestContext,
): Promise<Awaited<ReturnType<typeof exchange>>> {
  const isGet = settings.method === 'GET';
  const url = new URL(endpoint.url);
  if (isGet) for (const [name, value] of eventQuery(event)) url.searchParams.append(name, value);
  // A GET is signed over exactly the query string it sends, so a tampered parameter is refused by the receiver.
  const query = url.search.startsWith('?') ? url.search.slice(1) : url.search;
  const body = isGet ? query : JSON.stringify(event);
  const headers = webhookHeaders(endpoint, messageId, body, context.userAgent);
  headers.accept = 'application/json';
  if (isGet) delete headers['content-type'];
  try {
    return await exchange({
      target: { origin: url.origin, path: `${url.pathname}${url.search}`, hostname: url.hostname },
      method: settings.method,
      headers,
      body: isGet ? undefined : body,
      timeoutMs,
      maxResponseBytes: settings.maxResponseBytes,
      keepBody: true,
      dispatcher: context.dispatcher,
      blockPrivateNetworks: context.blockPrivateNetworks,
    });
  } catch (error) {
    const failure =
      error instanceof DeliveryError ? error : new DeliveryError('NETWORK_ERROR', String(error));
    throw new JsonApiError(failure.code, failure.message, { cause: failure });
  }
}

function readReply(response: Awaited<ReturnType<typeof exchange>>): BotReply {
  const { status } = response;
  if (status >= 300 && status < 400) {
    throw new JsonApiError('REDIRECT', `the endpoint answered ${status}; redirects are not followed`, {
      status,
    });
  }
  if (status < 200 || status >= 300)
    throw new JsonApiError('HTTP_STATUS', `the endpoint answered ${status}`, { status });
  if (response.truncated) {
    throw new JsonApiError('RESPONSE_TOO_LARGE', 'the reply is larger than maxResponseBytes', { status });
  }
  if (status === 204 || response.body === '') return { messages: [] };
  const contentType = headerValue(response.headers, 'content-type') ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body ?? '');
  } catch {
    throw new JsonApiError('INVALID_JSON', `the reply is not JSON (content-type ${contentType || 'none'})`, {
      status,
    });
  }
  try {
    return parseBotReply(parsed);
  } catch (error) {
    if (error instanceof BothooksError && error instanceof JsonApiError) {
      throw new JsonApiError(error.code, error.message, { status });
    }
    throw error;
  }
}
