import type { FailureFacts } from '@bothooks/core/adapter';
import { failureFacts } from '@bothooks/platform-telegram';

/** What went wrong with a call, as the kit's `describeFailure` reads it. */
export interface CallFailure {
  /** The error to take the failure code from: the Bot API's answer, or the network error itself. */
  error: unknown;
  facts: FailureFacts;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * What a failed call of grammY's API client tells. An API transformer sees a refused call as the Bot API's answer
 * (`{ ok: false, error_code, description }`, which grammY turns into a `GrammyError` afterwards) and a network
 * failure as an `HttpError` wrapping the error that `fetch` threw: the wrapped error carries the system code
 * (`ECONNRESET`) and the message with the URL, which the kit cleans of the token.
 *
 * @param method The Bot API method that failed.
 * @param error The error answer, or what the call rejected with.
 * @returns The error to classify and the facts for `describeFailure`.
 * @example
 * ```ts
 * callFailure('sendMessage', { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
 * ```
 */
export function callFailure(method: string, error: unknown): CallFailure {
  const cause = isObject(error) && error.name === 'HttpError' && 'error' in error ? error.error : undefined;
  const source = cause ?? error;
  return { error: source, facts: failureFacts(method, source) };
}
