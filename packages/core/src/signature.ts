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
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  const keys = secrets.map((secret, index) => {
    const decoded = decodeSecret(secret, { requirePrefix: true });
    if ('reason' in decoded)
      throw new ConfigError(secrets.length > 1 ? `secret[${index}]` : 'secret', decoded.reason);
    return decoded.key;
  });
  return signatureHeader(keys, options.id, options.timestamp, options.payload);
}
