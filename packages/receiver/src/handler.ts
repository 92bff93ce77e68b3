import { maxBodyBytesOf } from './body';
import type { Deduplicator } from './deduplicator';
import { WebhookVerificationError } from './errors';
import type { WebhookEvent } from './event';
import { webhookId } from './headers';
import { type NodeRequestLike, verifyNodeRequest } from './node';
import type { VerifyRequestOptions } from './request';
import { checkOptions } from './verification';

/** The part of a Node `ServerResponse` (and so of an Express `Response`) the handler writes to. */
export interface NodeResponseLike {
  statusCode: number;
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  setHeader(name: string, value: string): unknown;
  end(chunk?: string): unknown;
}

/** What {@link WebhookHandlerOptions.onEvent} gets besides the event. */
export interface WebhookContext<TRequest, TResponse> {
  /** The `webhook-id`: stable across retries of one delivery. */
  id: string;
  request: TRequest;
  response: TResponse;
}

/** Options of {@link webhookHandler}. */
export interface WebhookHandlerOptions<TRequest, TResponse> extends VerifyRequestOptions {
  /**
   * Handles a verified event. Return a value to answer it as JSON (the `BotReply` of a `jsonapi.request`), or
   * write the response yourself. Returning nothing answers `204`, except `webhook.verify`, which is answered
   * `{ "challenge": ... }` so the sender's Verify check passes.
   */
  onEvent(event: WebhookEvent, context: WebhookContext<TRequest, TResponse>): unknown;
  /**
   * Skips deliveries whose `webhook-id` was already handled (deliveries are at least once), answering them 204.
   * A handler that throws releases the id again, so the retry is handled.
   * @default no deduplication
   */
  deduplicate?: Deduplicator;
  /**
   * Called with what went wrong: a `WebhookVerificationError` (already answered 400/401/413/500) or an error of
   * `onEvent` (answered 500, or passed to Express's `next`).
   * @default console.error for errors of onEvent and of the receiver's own setup (status 500); nothing for refused requests
   */
  onError?(error: unknown, request: TRequest): void;
}

function answer(response: NodeResponseLike, status: number, body?: unknown): void {
  if (response.headersSent || response.writableEnded) return;
  response.statusCode = status;
  if (body === undefined) {
    response.end();
    return;
  }
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}

function defaultOnError(error: unknown): void {
  if (error instanceof WebhookVerificationError && error.status < 500) return;
  // biome-ignore lint/suspicious/noConsole: the documented default; pass onError to route it elsewhere.
  console.error('[bothooks] webhook handler:', error);
}

/**
 * A request handler for `node:http` and Express (4 and 5) that reads the raw body itself, verifies it, and answers
 * 400/401/413 with a JSON body naming the problem (`{ "error": { "code", "message" } }`) when the request does
 * not verify. Mount it without `express.json()` in front (or with `express.raw()`).
 *
 * @throws {WebhookVerificationError} `INVALID_SECRET` or `INVALID_OPTIONS` at once, for a missing or malformed
 * secret (an unset environment variable) or option, rather than failing every request later.
 * @example
 * ```ts
 * const handler = webhookHandler({ secret, onEvent: (event) => console.log(event.type) });
 * createServer(handler).listen(3000);      // node:http
 * app.post('/bot-events', handler);        // Express
 * ```
 */
export function webhookHandler<TRequest extends NodeRequestLike, TResponse extends NodeResponseLike>(
  options: WebhookHandlerOptions<TRequest, TResponse>,
): (request: TRequest, response: TResponse, next?: (error?: unknown) => void) => Promise<void> {
  if (typeof options?.onEvent !== 'function')
    throw new WebhookVerificationError('INVALID_OPTIONS', 'webhookHandler needs an onEvent function');
  checkOptions({ ...options, headers: {} });
  maxBodyBytesOf(options.maxBodyBytes);
  const onError = options.onError ?? defaultOnError;
  return async (request, response, next) => {
    let event: WebhookEvent;
    try {
      event = await verifyNodeRequest(request, options);
    } catch (error) {
      const refused =
        error instanceof WebhookVerificationError
          ? error
          : new WebhookVerificationError('INVALID_PAYLOAD', 'the request body could not be read');
      answer(response, refused.status, { error: { code: refused.code, message: refused.message } });
      onError(error, request);
      return;
    }
    const id = webhookId(request.headers) ?? '';
    if (options.deduplicate && !(await options.deduplicate.claim(id))) {
      answer(response, 204);
      return;
    }
    try {
      const result = await options.onEvent(event, { id, request, response });
      if (result !== undefined) answer(response, 200, result);
      else if (event.type === 'webhook.verify') answer(response, 200, { challenge: event.data.challenge });
      else answer(response, 204);
    } catch (error) {
      await options.deduplicate?.release(id);
      if (next) {
        next(error);
        return;
      }
      answer(response, 500, { error: { code: 'HANDLER_FAILED', message: 'the webhook handler failed' } });
      onError(error, request);
    }
  };
}
