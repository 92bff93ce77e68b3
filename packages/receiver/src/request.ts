import { checkDeclaredLength, maxBodyBytesOf, readStream } from './body';
import { WebhookVerificationError } from './errors';
import type { WebhookEvent } from './event';
import { completeVerification, prepareVerification, sourceOf, type VerifyOptionsBase } from './verification';
import { webCryptoMacs } from './web-crypto';

/** Options of {@link verifyRequest}. */
export interface VerifyRequestOptions extends Omit<VerifyOptionsBase, 'headers'> {
  /**
   * The largest body read, in bytes; a larger one is refused with `PAYLOAD_TOO_LARGE` (status 413).
   * @default 1_048_576
   */
  maxBodyBytes?: number;
}

/** The part of a fetch-API `Request` that {@link verifyRequest} reads. */
export interface RequestLike {
  readonly method: string;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  readonly body: ReadableStream<Uint8Array> | null;
  readonly bodyUsed: boolean;
}

/**
 * Verifies a fetch-API `Request` (Next.js route handlers, Hono, Bun, Deno, Cloudflare Workers, Node's own
 * `Request`) and returns the event. Reads the raw body itself, so no parser can get in the way; a GET JSON
 * API request is verified by its query and returned as a `jsonapi.request`. Uses Web Crypto.
 *
 * @throws {WebhookVerificationError} with a stable `code` and the HTTP `status` to answer.
 * @example
 * ```ts
 * export async function POST(request: Request): Promise<Response> {
 *   const event = await verifyRequest(request, { secret });
 *   return new Response(null, { status: 204 });
 * }
 * ```
 */
export async function verifyRequest<TEvent = WebhookEvent>(
  request: RequestLike,
  options: VerifyRequestOptions,
): Promise<TEvent> {
  if (typeof request !== 'object' || request === null || typeof request.headers?.get !== 'function')
    throw new WebhookVerificationError('INVALID_OPTIONS', 'verifyRequest needs a fetch-API Request');
  if (typeof options !== 'object' || options === null)
    throw new WebhookVerificationError('INVALID_OPTIONS', 'options must be an object with a secret');
  const limit = maxBodyBytesOf(options.maxBodyBytes);
  const isGet = request.method.toUpperCase() === 'GET';
  let payload: Uint8Array | undefined;
  if (!isGet) {
    if (request.bodyUsed) {
      throw new WebhookVerificationError(
        'PAYLOAD_NOT_RAW',
        'the request body was already read (request.json() or request.text() before verifyRequest): verify first, or pass request.clone()',
      );
    }
    checkDeclaredLength(request.headers.get('content-length'), limit);
    // Settles the options and headers before reading a byte, so an unsigned request costs no upload.
    prepareVerification({ ...options, headers: request.headers }, { kind: 'body', payload: '' });
    payload = await readStream(request.body, limit);
  }
  const pending = prepareVerification(
    { ...options, headers: request.headers },
    sourceOf(request.method, request.url, payload),
  );
  return completeVerification<TEvent>(pending, await webCryptoMacs(pending));
}
