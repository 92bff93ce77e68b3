import { checkDeclaredLength, maxBodyBytesOf, readChunks } from './body';
import { WebhookVerificationError } from './errors';
import type { WebhookEvent } from './event';
import type { HeadersLike } from './headers';
import type { VerifyRequestOptions } from './request';
import { completeVerification, prepareVerification, sourceOf } from './verification';
import { webCryptoMacs } from './web-crypto';

/**
 * The part of a Node `IncomingMessage` (and so of an Express `Request`) the Node helpers read. Typed
 * structurally, so this package needs no Node type definitions.
 */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  url?: string | undefined;
  /** Express: the URL before any router rewrote `url`. */
  originalUrl?: string;
  headers: Record<string, string | readonly string[] | undefined>;
  /** Set by a body parser that ran before: a Buffer (express.raw()) or string (express.text()) is used as is. */
  body?: unknown;
  readableEnded?: boolean;
}

function alreadyRead(request: NodeRequestLike): Uint8Array | string | undefined {
  const { body } = request;
  if (typeof body === 'string') return body;
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body !== undefined && body !== null && !(typeof body === 'object' && Object.keys(body).length === 0)) {
    throw new WebhookVerificationError(
      'PAYLOAD_NOT_RAW',
      'a body parser (express.json()?) already parsed this request, and a re-serialised body does not verify: mount the webhook route before it, or use express.raw({ type: "application/json" })',
    );
  }
  if (request.readableEnded) {
    throw new WebhookVerificationError(
      'PAYLOAD_NOT_RAW',
      'the request body was already read by something else: verify the raw body, e.g. with express.raw({ type: "application/json" })',
    );
  }
  return undefined;
}

/**
 * Verifies a Node `http` request (or an Express one) and returns the event. Reads the raw body itself, or takes
 * the Buffer `express.raw()` left; a body that a JSON parser already consumed is a `PAYLOAD_NOT_RAW` error
 * saying so. A GET JSON API request is verified by its query.
 *
 * @throws {WebhookVerificationError} with a stable `code` and the HTTP `status` to answer.
 * @example
 * ```ts
 * createServer(async (request, response) => {
 *   const event = await verifyNodeRequest(request, { secret });
 * });
 * ```
 */
export async function verifyNodeRequest<TEvent = WebhookEvent>(
  request: NodeRequestLike,
  options: VerifyRequestOptions,
): Promise<TEvent> {
  if (typeof request !== 'object' || request === null || typeof request.headers !== 'object')
    throw new WebhookVerificationError('INVALID_OPTIONS', 'verifyNodeRequest needs a Node http request');
  if (typeof options !== 'object' || options === null)
    throw new WebhookVerificationError('INVALID_OPTIONS', 'options must be an object with a secret');
  const limit = maxBodyBytesOf(options.maxBodyBytes);
  const headers: HeadersLike = request.headers;
  const url = request.originalUrl ?? request.url;
  let payload: Uint8Array | string | undefined;
  if (request.method?.toUpperCase() !== 'GET') {
    payload = alreadyRead(request);
    if (payload === undefined) {
      const declared = request.headers['content-length'];
      checkDeclaredLength(typeof declared === 'string' ? declared : undefined, limit);
      // Settles the options and headers before reading a byte, so an unsigned request costs no upload.
      prepareVerification({ ...options, headers }, { kind: 'body', payload: '' });
      payload = await readChunks(request, limit);
    }
  }
  const pending = prepareVerification({ ...options, headers }, sourceOf(request.method, url, payload));
  return completeVerification<TEvent>(pending, await webCryptoMacs(pending));
}
