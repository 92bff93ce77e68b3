import type { Dispatcher } from 'undici';
import { webhookHeaders } from './attempt';
import { type BotReply, eventQuery, parseBotReply } from './bot-reply';
import type { ResolvedEndpoint } from './config';
import { DeliveryError, JsonApiError } from './errors';
import type { WebhookEvent } from './event';
import { newMessageId } from './ids';
import { exchange, headerValue } from './transport';

/** Options of `hooks.request`. */
export interface JsonApiRequestOptions {
  /**
   * `POST` sends the signed envelope as the body; `GET` sends the key fields as query parameters
   * (`type`, `platform`, `conversation_id`, `user_id`, `text`, `attributes.<name>`, ...), signed over an empty body.
   * @default 'POST'
   */
  method?: 'POST' | 'GET';
  /** How long to wait for the whole reply. @default the endpoint's timeoutMs */
  timeoutMs?: number;
  /** Largest reply accepted, in bytes. @default 1_048_576 */
  maxResponseBytes?: number;
}

/** Calls a JSON API endpoint with an event and returns its reply, validated and normalised. */
export async function requestReply(
  endpoint: ResolvedEndpoint,
  event: WebhookEvent,
  options: JsonApiRequestOptions,
  context: { dispatcher: Dispatcher; userAgent: string; blockPrivateNetworks: boolean },
): Promise<BotReply> {
  const method = options.method ?? 'POST';
  const body = method === 'POST' ? JSON.stringify(event) : '';
  const url = new URL(endpoint.url);
  if (method === 'GET') for (const [name, value] of eventQuery(event)) url.searchParams.append(name, value);
  const headers = webhookHeaders(endpoint, newMessageId(), body, context.userAgent);
  headers.accept = 'application/json';
  if (method === 'GET') delete headers['content-type'];

  let response: Awaited<ReturnType<typeof exchange>>;
  try {
    response = await exchange({
      target: { origin: url.origin, path: `${url.pathname}${url.search}`, hostname: url.hostname },
      method,
      headers,
      body: method === 'POST' ? body : undefined,
      timeoutMs: options.timeoutMs ?? endpoint.timeoutMs,
      maxResponseBytes: options.maxResponseBytes ?? 1_048_576,
      keepBody: true,
      dispatcher: context.dispatcher,
      blockPrivateNetworks: context.blockPrivateNetworks,
    });
  } catch (error) {
    const failure =
      error instanceof DeliveryError ? error : new DeliveryError('NETWORK_ERROR', String(error));
    throw new JsonApiError(failure.code, failure.message, { cause: failure });
  }
  const { status } = response;
  if (status >= 300 && status < 400) {
    throw new JsonApiError('REDIRECT', `the endpoint answered ${status}; redirects are not followed`, {
      status,
    });
  }
  if (status < 200 || status >= 300)
    throw new JsonApiError('HTTP_STATUS', `the endpoint answered ${status}`, { status });
  if (response.truncated)
    throw new JsonApiError('RESPONSE_TOO_LARGE', 'the reply is larger than maxResponseBytes', { status });
  const contentType = headerValue(response.headers, 'content-type') ?? '';
  if (status === 204 || response.body === '') return { messages: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body ?? '');
  } catch {
    throw new JsonApiError('INVALID_JSON', `the reply is not JSON (content-type ${contentType || 'none'})`, {
      status,
    });
  }
  return parseBotReply(parsed);
}
