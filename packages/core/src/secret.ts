import { randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The Standard Webhooks bounds for a symmetric key, in bytes. */
export const MIN_SECRET_BYTES = 24;
export const MAX_SECRET_BYTES = 64;

/**
 * Decodes a `whsec_` secret into its HMAC key, or returns a reason it is unusable.
 * The reason never contains the secret itself, so it is safe to put in an error.
 */
export function decodeSecret(
  secret: unknown,
  options: { requirePrefix: boolean; minBytes?: number; maxBytes?: number },
): { key: Buffer } | { reason: string } {
  if (typeof secret !== 'string' || secret === '') return { reason: 'must be a non-empty string' };
  // Users often paste a signature ("v1,...") where the secret belongs: standard-webhooks#235.
  if (/^v1a?,/.test(secret)) return { reason: 'looks like a signature ("v1,..."), not a "whsec_" secret' };
  const hasPrefix = secret.startsWith(SECRET_PREFIX);
  if (options.requirePrefix && !hasPrefix) return { reason: 'must start with "whsec_"' };
  const encoded = hasPrefix ? secret.slice(SECRET_PREFIX.length) : secret;
  if (!BASE64.test(encoded) || encoded.length % 4 === 1)
    return { reason: 'is not valid base64 after "whsec_"' };
  const key = Buffer.from(encoded, 'base64');
  const minBytes = options.minBytes ?? MIN_SECRET_BYTES;
  const maxBytes = options.maxBytes ?? MAX_SECRET_BYTES;
  if (key.length < minBytes)
    return { reason: `decodes to ${key.length} bytes; at least ${minBytes} are required` };
  if (key.length > maxBytes)
    return { reason: `decodes to ${key.length} bytes; at most ${maxBytes} are allowed` };
  return { key };
}

/**
 * Creates a new random secret in the Standard Webhooks format (`whsec_` + base64 of 32 bytes).
 *
 * @example
 * ```ts
 * const secret = generateSecret(); // 'whsec_3q2+7w...'
 * ```
 */
export function generateSecret(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES) {
    throw new RangeError(`a secret must have between ${MIN_SECRET_BYTES} and ${MAX_SECRET_BYTES} bytes`);
  }
  return `${SECRET_PREFIX}${randomBytes(bytes).toString('base64')}`;
}
