// GET JSON API requests have no body, so they are signed over their query string instead:
// `${webhook-id}.${webhook-timestamp}.${query}`, where `query` is the request URL's query exactly as sent,
// without the leading `?`. Core does not verify this yet; `verifyRequest` of @bothooks/receiver replaces this
// file once that package is merged.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { WebhookVerificationError } from '@bothooks/core';

const TIMESTAMP = /^\d{1,15}$/;
const SIGNATURE_BASE64 = /^[A-Za-z0-9+/]{43}=$/;
const SECRET_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const joined = Array.isArray(value) ? value.join(' ') : value;
  return joined === undefined || joined === '' ? undefined : joined;
}

function key(secret: string): Buffer {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  if (!SECRET_BASE64.test(encoded))
    throw new WebhookVerificationError('INVALID_SECRET', 'the secret is not base64');
  return Buffer.from(encoded, 'base64');
}

/**
 * Verifies a signed GET request by the rule above, with the same codes and tolerance as `verifyWebhook`.
 *
 * @throws {WebhookVerificationError} on any mismatch.
 */
export function verifyGetRequest(options: {
  /** The query string exactly as received, without the `?`; empty when the URL has none. */
  query: string;
  headers: IncomingHttpHeaders;
  secret: string;
  /** @default 300 */
  toleranceSeconds?: number;
  /** @default Date.now() */
  now?: number;
}): void {
  const id = header(options.headers, 'webhook-id');
  const timestamp = header(options.headers, 'webhook-timestamp');
  const signatures = header(options.headers, 'webhook-signature');
  if (id === undefined || timestamp === undefined || signatures === undefined) {
    throw new WebhookVerificationError(
      'MISSING_HEADERS',
      'webhook-id, webhook-timestamp and webhook-signature headers are required',
    );
  }
  if (!TIMESTAMP.test(timestamp)) {
    throw new WebhookVerificationError(
      'INVALID_TIMESTAMP',
      'webhook-timestamp must be an integer of Unix seconds',
    );
  }
  const age = Math.floor((options.now ?? Date.now()) / 1000) - Number(timestamp);
  const tolerance = options.toleranceSeconds ?? 300;
  if (age > tolerance)
    throw new WebhookVerificationError('TIMESTAMP_TOO_OLD', 'webhook-timestamp is too old');
  if (-age > tolerance)
    throw new WebhookVerificationError('TIMESTAMP_TOO_NEW', 'webhook-timestamp is in the future');

  const expected = createHmac('sha256', key(options.secret))
    .update(`${id}.${timestamp}.${options.query}`)
    .digest();
  let matched = false;
  // Every entry is compared, so the time taken does not say which one (if any) matched.
  for (const entry of signatures.split(' ')) {
    const [version, encoded] = entry.split(',', 2);
    if (version !== 'v1' || encoded === undefined || !SIGNATURE_BASE64.test(encoded)) continue;
    if (timingSafeEqual(Buffer.from(encoded, 'base64'), expected)) matched = true;
  }
  if (!matched) {
    throw new WebhookVerificationError('NO_MATCHING_SIGNATURE', 'no signature matches the query string');
  }
}
