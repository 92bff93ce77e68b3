import { createHmac } from 'node:crypto';
import { ConfigError } from './errors';
import { decodeSecret } from './secret';

// Standard Webhooks signs `id.timestamp.payload`. Feeding the parts to the HMAC one after the other avoids
// copying the payload into a new buffer for every attempt.
function mac(key: Uint8Array, id: string, timestamp: number | string, payload: string | Uint8Array) {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(payload);
}

/** The `webhook-signature` header value for every key: `v1,<base64>` entries joined by spaces. */
export function signatureHeader(
  keys: readonly Uint8Array[],
  id: string,
  timestamp: number,
  payload: string | Uint8Array,
): string {
  let header = '';
  for (const key of keys)
    header += `${header === '' ? '' : ' '}v1,${mac(key, id, timestamp, payload).digest('base64')}`;
  return header;
}

/**
 * Signs a payload the Standard Webhooks way and returns the `webhook-signature` header value.
 * Several secrets (during a rotation) give several space-separated signatures.
 *
 * @example
 * ```ts
 * signWebhook({ id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330,
 *   payload: '{"test": 2432232314}', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
 * // 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
 * ```
 */
export function signWebhook(options: {
  id: string;
  timestamp: number;
  payload: string | Uint8Array;
  secret: string | readonly string[];
}): string {
  if (typeof options !== 'object' || options === null) throw new ConfigError('options', 'must be an object');
  const { id, timestamp, payload } = options;
  // The id is signed as `id.timestamp.payload`: a dot in it would make two different messages sign alike.
  if (typeof id !== 'string' || !/^[^\s.]{1,256}$/.test(id)) {
    throw new ConfigError('id', 'must be a webhook-id of 1 to 256 characters, without dots or whitespace');
  }
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new ConfigError(
      'timestamp',
      'must be whole Unix seconds (Math.floor(Date.now() / 1000)), not milliseconds or NaN',
    );
  }
  if (timestamp > 99_999_999_999) {
    throw new ConfigError(
      'timestamp',
      'looks like milliseconds: pass Unix seconds (Math.floor(Date.now() / 1000))',
    );
  }
  if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) {
    throw new ConfigError(
      'payload',
      'must be the exact body, as a string or bytes (JSON.stringify it first)',
    );
  }
  const given: unknown = options.secret;
  if (typeof given !== 'string' && (!Array.isArray(given) || given.length === 0)) {
    throw new ConfigError('secret', 'must be a whsec_ secret or a non-empty list of them');
  }
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  const keys = secrets.map((secret, index) => {
    const decoded = decodeSecret(secret, { requirePrefix: true });
    if ('reason' in decoded)
      throw new ConfigError(secrets.length > 1 ? `secret[${index}]` : 'secret', decoded.reason);
    return decoded.key;
  });
  return signatureHeader(keys, id, timestamp, payload);
}
