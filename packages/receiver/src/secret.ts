import { fromBase64 } from './bytes';
import { WebhookVerificationError } from './errors';

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 128;

/** Why a secret is unusable, in words that say what to do; never containing the secret. */
function problemOf(secret: unknown): string | undefined {
  if (secret === undefined) return 'is undefined: is the environment variable that should hold it set?';
  if (typeof secret !== 'string') return `must be a string (got ${secret === null ? 'null' : typeof secret})`;
  if (secret === '') return 'is empty: is the environment variable that should hold it set?';
  if (secret.trim() !== secret)
    return 'has leading or trailing whitespace (often a newline from a .env file or a secret store): trim it';
  // Users often paste a signature ("v1,...") where the secret belongs: standard-webhooks#235.
  if (/^v1a?,/.test(secret)) return 'looks like a signature ("v1,..."), not a "whsec_" secret';
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (!BASE64.test(encoded) || encoded.length % 4 === 1) return 'is not valid base64 after "whsec_"';
  return undefined;
}

/**
 * Decodes the receiver's secret or secrets (`whsec_` + base64; the prefix is optional, as in the reference
 * libraries) into HMAC keys.
 *
 * @throws {WebhookVerificationError} `INVALID_SECRET`, naming which one of several is wrong.
 */
export function decodeSecrets(secret: unknown): Uint8Array[] {
  const secrets: unknown[] = Array.isArray(secret) ? secret : [secret];
  if (secrets.length === 0) throw new WebhookVerificationError('INVALID_SECRET', 'secret: no secret given');
  return secrets.map((candidate, index) => {
    const name = Array.isArray(secret) ? `secret[${index}]` : 'secret';
    const problem = problemOf(candidate);
    if (problem !== undefined) throw new WebhookVerificationError('INVALID_SECRET', `${name} ${problem}`);
    const text = candidate as string;
    const key = fromBase64(text.startsWith(SECRET_PREFIX) ? text.slice(SECRET_PREFIX.length) : text);
    if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
      throw new WebhookVerificationError(
        'INVALID_SECRET',
        `${name} decodes to ${key.length} bytes; between ${MIN_KEY_BYTES} and ${MAX_KEY_BYTES} are accepted`,
      );
    }
    return key;
  });
}
