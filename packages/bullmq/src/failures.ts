import type { DeliveryEndpoint, ErrorInfo } from '@bothooks/core/engine';
import { UnrecoverableError } from 'bullmq';

/**
 * How a failure is written to Redis: BullMQ keeps the thrown error's message as the job's `failedReason` (in the
 * job and in the queue's event stream, and so in the append-only file on disk), and its stack in `stacktrace`.
 * Both are under our control here: the message is `[CODE status] text` with the endpoint's own secrets taken out,
 * and the stack is the message alone.
 */

const ENCODED = /^\[([A-Z_]+)(?: (\d{3}))?\] ([\s\S]*)$/;
const MAX_MESSAGE = 500;
const REDACTED = '[redacted]';

/** Marks the errors this engine throws, so its `failed` listener can tell them from BullMQ's own. */
export const OURS: unique symbol = Symbol('bothooks.bullmq.failure');

/** Takes an endpoint's secrets (query string, header values, URL credentials) out of a text about it. */
export function sanitize(text: string, endpoint: DeliveryEndpoint | undefined): string {
  let clean = text.replace(/[\r\n\t]+/g, ' ');
  if (endpoint) {
    const query = endpoint.target.path.indexOf('?');
    const secrets = [
      ...(query >= 0 ? [endpoint.target.path.slice(query + 1)] : []),
      ...Object.values(endpoint.headers),
    ]
      .filter((secret) => secret.length >= 4)
      .sort((left, right) => right.length - left.length);
    for (const secret of secrets) clean = clean.split(secret).join(REDACTED);
  }
  // Any URL's query string may be a token, whoever's URL it is.
  clean = clean.replace(/(https?:\/\/[^\s?#]*)\?[^\s#]*/gi, `$1?${REDACTED}`);
  // Credentials in any URL (an endpoint's, or a redis:// one).
  clean = clean.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, `$1${REDACTED}@`);
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE)}…` : clean;
}

export function encodeFailure(info: ErrorInfo): string {
  const status = info.status === undefined ? '' : ` ${info.status}`;
  return `[${info.code}${status}] ${info.message}`;
}

/** Reads a `failedReason` back; one BullMQ wrote itself (a stalled job) gets a code of its own. */
export function decodeFailure(reason: string | undefined): ErrorInfo {
  const match = ENCODED.exec(reason ?? '');
  if (!match) {
    const message = reason ?? 'the job failed';
    const code = /stalled/i.test(message) ? 'STALLED' : 'WORKER_FAILED';
    return { code, message: sanitize(message, undefined) };
  }
  const [, code = 'WORKER_FAILED', status, message = ''] = match;
  return status === undefined ? { code, message } : { code, message, status: Number(status) };
}

function withoutStack<TError extends Error>(error: TError): TError {
  error.stack = `${error.name}: ${error.message}`;
  (error as unknown as Record<symbol, boolean>)[OURS] = true;
  return error;
}

/** An attempt failed and BullMQ is to retry it after exactly `delayMs` (the backoff strategy reads it). */
export class RetryLater extends Error {
  constructor(
    info: ErrorInfo,
    readonly delayMs: number,
  ) {
    super(encodeFailure(info));
    this.name = 'DeliveryFailed';
    withoutStack(this);
  }
}

/** The job ends here, as a dead letter. */
export function finalFailure(info: ErrorInfo): UnrecoverableError {
  return withoutStack(new UnrecoverableError(encodeFailure(info)));
}

export function isOurs(error: unknown): boolean {
  return typeof error === 'object' && error !== null && OURS in error;
}
