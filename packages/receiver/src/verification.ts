import { constantTimeEqual, fromBase64, fromUtf8, utf8 } from './bytes';
import { WebhookVerificationError } from './errors';
import type { WebhookEvent } from './event';
import { type HeadersLike, readWebhookHeaders } from './headers';
import { eventFromQuery, queryOf } from './query';
import { decodeSecrets } from './secret';

// The steps every entry point shares (verifyWebhook, verifyRequest, the Node helpers): check the options and
// headers, build the signed content, compare signatures, parse. Only computing the HMACs differs (synchronous
// pure JavaScript, or Web Crypto), so it is passed in.

/** A raw body: a string, or bytes (`Buffer`, `Uint8Array`, `ArrayBuffer`). */
export type RawPayload = string | Uint8Array | ArrayBuffer;

/** What every verification needs besides the content. */
export interface VerifyOptionsBase {
  /** The request headers; names are matched case-insensitively, `svix-*` names are accepted too. */
  headers: HeadersLike;
  /** The endpoint's secret (`whsec_...`, the prefix is optional); several during a rotation, any may match. */
  secret: string | readonly string[];
  /**
   * How far, in seconds, the `webhook-timestamp` may be from now, in the past or the future. Must be a finite
   * number: there is no way to switch the replay check off.
   * @default 300
   */
  toleranceSeconds?: number;
  /** The current time, for tests. @default Date.now() */
  now?: Date | number;
}

/** The content to verify: the raw body, or for a GET the query of its URL. */
export type SignedSource = { kind: 'body'; payload: unknown } | { kind: 'query'; query: string };

/** Everything checked but the signatures. */
export interface PendingVerification {
  keys: Uint8Array[];
  /** `${webhook-id}.${webhook-timestamp}.`: the signed content is this followed by `body`. */
  prefix: Uint8Array;
  /** The raw body, or for a GET the bytes of the query. */
  body: Uint8Array;
  /** The decoded `v1` signatures; other versions and malformed entries are skipped. */
  signatures: Uint8Array[];
  source: SignedSource;
}

const TIMESTAMP = /^\d{1,15}$/;
const SIGNATURE_BASE64 = /^[A-Za-z0-9+/]{43}=$/;
const DEFAULT_TOLERANCE_SECONDS = 300;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an already-parsed object' : typeof value;
}

/** The raw body as bytes, or a `PAYLOAD_NOT_RAW` error that says what to pass instead. */
export function payloadBytes(payload: unknown): Uint8Array {
  if (typeof payload === 'string') return utf8(payload);
  // Checks that also hold for bytes from another realm (a vm context, a test environment), unlike instanceof.
  if (ArrayBuffer.isView(payload))
    return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  if (Object.prototype.toString.call(payload) === '[object ArrayBuffer]')
    return new Uint8Array(payload as ArrayBuffer);
  const hint =
    typeof payload === 'object' && payload !== null
      ? '; a parsed and re-serialised body does not verify, so keep express.json() (or any JSON parser) away from this route'
      : '';
  throw new WebhookVerificationError(
    'PAYLOAD_NOT_RAW',
    `the payload is ${typeName(payload)}: pass the raw request body as a string or bytes (express.raw({ type: 'application/json' }), await request.text())${hint}`,
  );
}

function toleranceOf(value: unknown): number {
  if (value === undefined) return DEFAULT_TOLERANCE_SECONDS;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new WebhookVerificationError(
      'INVALID_OPTIONS',
      `toleranceSeconds must be a finite number of seconds, 0 or more (got ${typeof value === 'number' ? value : typeName(value)}); the replay check cannot be switched off`,
    );
  }
  return value;
}

function nowSeconds(value: unknown): number {
  if (value === undefined) return Math.floor(Date.now() / 1000);
  const milliseconds = value instanceof Date ? value.getTime() : value;
  if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds))
    throw new WebhookVerificationError('INVALID_OPTIONS', 'now must be a valid Date or epoch milliseconds');
  return Math.floor(milliseconds / 1000);
}

/**
 * Checks the options that do not depend on a request, so a helper built once (`webhookHandler`) refuses a
 * missing secret or a `NaN` tolerance at startup instead of answering every request with 500.
 */
export function checkOptions(options: VerifyOptionsBase): void {
  toleranceOf(options.toleranceSeconds);
  if (options.now !== undefined) nowSeconds(options.now);
  decodeSecrets(options.secret);
}

/** Checks options, headers and timestamp; returns what remains: comparing the HMACs. */
export function prepareVerification(options: VerifyOptionsBase, source: SignedSource): PendingVerification {
  if (typeof options !== 'object' || options === null)
    throw new WebhookVerificationError('INVALID_OPTIONS', 'options must be an object');
  const tolerance = toleranceOf(options.toleranceSeconds);
  const now = nowSeconds(options.now);
  const keys = decodeSecrets(options.secret);
  // A body that is not raw is refused before the headers, so the more useful error wins.
  const body = source.kind === 'body' ? payloadBytes(source.payload) : utf8(source.query);

  const headers = readWebhookHeaders(options.headers);
  if ('missing' in headers) {
    throw new WebhookVerificationError(
      'MISSING_HEADERS',
      `missing the ${headers.missing.join(', ')} header${headers.missing.length > 1 ? 's' : ''} (svix-* names are accepted too)`,
    );
  }
  if (!TIMESTAMP.test(headers.timestamp)) {
    throw new WebhookVerificationError(
      'INVALID_TIMESTAMP',
      'webhook-timestamp must be an integer of Unix seconds',
    );
  }
  const timestamp = Number(headers.timestamp);
  if (now - timestamp > tolerance) {
    throw new WebhookVerificationError(
      'TIMESTAMP_TOO_OLD',
      `webhook-timestamp is more than ${tolerance} s old (a replay, or this clock is ahead)`,
    );
  }
  if (timestamp - now > tolerance) {
    throw new WebhookVerificationError(
      'TIMESTAMP_TOO_NEW',
      `webhook-timestamp is more than ${tolerance} s in the future (this clock may be behind)`,
    );
  }

  const signatures: Uint8Array[] = [];
  for (const entry of headers.signature.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma === -1 || entry.slice(0, comma) !== 'v1') continue;
    const encoded = entry.slice(comma + 1);
    if (SIGNATURE_BASE64.test(encoded)) signatures.push(fromBase64(encoded));
  }
  return { keys, prefix: utf8(`${headers.id}.${headers.timestamp}.`), body, signatures, source };
}

/** Compares every expected HMAC with every signature in constant time, then parses the content. */
export function completeVerification<TEvent = WebhookEvent>(
  pending: PendingVerification,
  expected: readonly Uint8Array[],
): TEvent {
  let matched = false;
  for (const signature of pending.signatures) {
    for (const candidate of expected) if (constantTimeEqual(signature, candidate)) matched = true;
  }
  if (!matched)
    throw new WebhookVerificationError('NO_MATCHING_SIGNATURE', 'no signature matches the content');
  if (pending.source.kind === 'query') return eventFromQuery(pending.source.query) as TEvent;
  try {
    return JSON.parse(fromUtf8(pending.body)) as TEvent;
  } catch {
    throw new WebhookVerificationError('INVALID_PAYLOAD', 'the payload is not valid JSON');
  }
}

/** What to verify for a request: its query for a GET, its body otherwise. */
export function sourceOf(
  method: string | undefined,
  url: string | URL | undefined,
  payload: unknown,
): SignedSource {
  if (method?.toUpperCase() === 'GET') {
    if (url === undefined)
      throw new WebhookVerificationError('INVALID_OPTIONS', 'a GET request is verified by its url: pass url');
    return { kind: 'query', query: queryOf(url) };
  }
  return { kind: 'body', payload };
}
