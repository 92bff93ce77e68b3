import type { WebhookEvent } from './event';
import { hmacSha256 } from './sha256';
import {
  completeVerification,
  prepareVerification,
  type RawPayload,
  sourceOf,
  type VerifyOptionsBase,
} from './verification';

/** Options of {@link verifyWebhook} for a request with a body (every method but GET). */
export interface VerifyBodyOptions extends VerifyOptionsBase {
  /** The raw request body, exactly as received: never a parsed and re-serialised object. */
  payload: RawPayload;
  /**
   * The request method. A `GET` is verified by its query instead of its body, which then needs `url`.
   * @default 'POST'
   */
  method?: string;
  /** The request URL (absolute, or a path such as Node's `request.url`); only read for a GET. */
  url?: string | URL;
}

/**
 * Options of {@link verifyWebhook} for a GET JSON API request, whose signed content is the query string:
 * `${webhook-id}.${webhook-timestamp}.${query}`, the query exactly as sent, without the `?`.
 */
export interface VerifyQueryOptions extends VerifyOptionsBase {
  method: 'GET';
  /** The request URL as received (absolute, or a path such as Node's `request.url`): its query is verified. */
  url: string | URL;
}

/** Options of {@link verifyWebhook}. */
export type VerifyWebhookOptions = VerifyBodyOptions | VerifyQueryOptions;

/**
 * Verifies a Standard Webhooks request and returns the event. Synchronous on every runtime (Node, Bun, Deno,
 * edge): the HMAC-SHA256 is plain JavaScript, compared in constant time. Any of several signatures may match
 * any of several secrets; the timestamp must be within `toleranceSeconds` of now. A GET JSON API request is
 * verified by its query and returned as the `jsonapi.request` event the query describes.
 *
 * @throws {WebhookVerificationError} with a stable `code` (and the HTTP `status` to answer) on any mismatch
 * or misuse, e.g. `PAYLOAD_NOT_RAW` for a parsed body.
 * @example
 * ```ts
 * const event = verifyWebhook({ payload: rawBody, headers: request.headers, secret });
 * if (event.type === 'message.received') console.log(event.data.message.text);
 *
 * const query = verifyWebhook({ method: 'GET', url: request.url, headers: request.headers, secret });
 * ```
 */
export function verifyWebhook<TEvent = WebhookEvent>(options: VerifyWebhookOptions): TEvent {
  const { method, url } = (options ?? {}) as Partial<VerifyBodyOptions>;
  const pending = prepareVerification(
    options,
    sourceOf(method, url, (options as Partial<VerifyBodyOptions>)?.payload),
  );
  const expected = pending.keys.map((key) => hmacSha256(key, pending.prefix, pending.body));
  return completeVerification<TEvent>(pending, expected);
}
