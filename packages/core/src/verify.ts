import { timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from './errors';
import type { WebhookEvent } from './event';
import { decodeSecret } from './secret';
import { hmac } from './signature';

/** Header maps as Node (`IncomingHttpHeaders`), Express, undici and fetch (`Headers`) give them. */
export type HeadersLike =
  | { get(name: string): string | null | undefined }
  | Record<string, string | readonly string[] | undefined>;

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** The raw request body, exactly as received: never a re-serialised parsed object. */
  payload: string | Uint8Array;
  /** The request headers; names are matched case-insensitively. */
  headers: HeadersLike;
  /** The endpoint's secret (`whsec_...`, the prefix is optional here); several during a rotation. */
  secret: string | readonly string[];
  /**
   * How far, in seconds, the `webhook-timestamp` may be from now, in the past or the future.
   * @default 300
   */
  toleranceSeconds?: number;
  /** The current time, for tests. @default Date.now() */
  now?: Date | number;
}

const TIMESTAMP = /^\d{1,15}$/;
const SIGNATURE_BASE64 = /^[A-Za-z0-9+/]{43}=$/;

function readHeader(headers: HeadersLike, name: string): string | undefined {
  let value: unknown;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    value = (headers as { get(name: string): string | null | undefined }).get(name);
  } else {
    const record = headers as Record<string, unknown>;
    value = record[name];
    if (value === undefined) {
      const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
      value = key === undefined ? undefined : record[key];
    }
  }
  if (Array.isArray(value)) value = value.join(' ');
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Verifies a Standard Webhooks request on the receiving side and returns the parsed event.
 * The signature is checked against the raw body with a constant-time comparison; any one of several
 * signatures (or secrets) may match; the timestamp must be within `toleranceSeconds` of now.
 *
 * @throws {WebhookVerificationError} with a stable `code` on any mismatch.
 * @example
 * ```ts
 * app.post('/bot-events', express.raw({ type: 'application/json' }), (request, response) => {
 *   try {
 *     const event = verifyWebhook({ payload: request.body, headers: request.headers, secret: process.env.SECRET });
 *     response.sendStatus(204);
 *   } catch (error) {
 *     response.sendStatus(400);
 *   }
 * });
 * ```
 */
export function verifyWebhook<TEvent = WebhookEvent>(options: VerifyWebhookOptions): TEvent {
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  if (!Array.isArray(secrets) || secrets.length === 0) {
    throw new WebhookVerificationError('INVALID_SECRET', 'no secret given');
  }
  const keys = secrets.map((secret) => {
    const decoded = decodeSecret(secret, { requirePrefix: false, maxBytes: 128 });
    if ('reason' in decoded)
      throw new WebhookVerificationError('INVALID_SECRET', `the secret ${decoded.reason}`);
    return decoded.key;
  });

  const headers = options.headers ?? {};
  const id = readHeader(headers, 'webhook-id');
  const timestampHeader = readHeader(headers, 'webhook-timestamp');
  const signatures = readHeader(headers, 'webhook-signature');
  if (id === undefined || timestampHeader === undefined || signatures === undefined) {
    throw new WebhookVerificationError(
      'MISSING_HEADERS',
      'webhook-id, webhook-timestamp and webhook-signature headers are required',
    );
  }

  if (!TIMESTAMP.test(timestampHeader)) {
    throw new WebhookVerificationError(
      'INVALID_TIMESTAMP',
      'webhook-timestamp must be an integer of Unix seconds',
    );
  }
  const timestamp = Number(timestampHeader);
  const tolerance = options.toleranceSeconds ?? 300;
  const givenNow = options.now === undefined ? Number.NaN : Number(options.now);
  const nowMs = Number.isFinite(givenNow) ? givenNow : Date.now();
  const now = Math.floor(nowMs / 1000);
  if (now - timestamp > tolerance)
    throw new WebhookVerificationError('TIMESTAMP_TOO_OLD', 'webhook-timestamp is too old');
  if (timestamp - now > tolerance) {
    throw new WebhookVerificationError('TIMESTAMP_TOO_NEW', 'webhook-timestamp is in the future');
  }

  const payload = typeof options.payload === 'string' ? options.payload : Buffer.from(options.payload ?? []);
  const expected = keys.map((key) => hmac(key, id, timestampHeader, payload));
  let matched = false;
  for (const entry of signatures.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma === -1 || entry.slice(0, comma) !== 'v1') continue;
    const encoded = entry.slice(comma + 1);
    if (!SIGNATURE_BASE64.test(encoded)) continue;
    const received = Buffer.from(encoded, 'base64');
    for (const candidate of expected) {
      if (received.length === candidate.length && timingSafeEqual(received, candidate)) matched = true;
    }
  }
  if (!matched)
    throw new WebhookVerificationError('NO_MATCHING_SIGNATURE', 'no signature matches the payload');

  try {
    return JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8')) as TEvent;
  } catch {
    throw new WebhookVerificationError('INVALID_PAYLOAD', 'the payload is not valid JSON');
  }
}
