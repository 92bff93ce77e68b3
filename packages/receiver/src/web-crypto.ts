import { concatBytes } from './bytes';
import type { PendingVerification } from './verification';

// The asynchronous entry points use Web Crypto, present on every runtime this package supports (Node 20+,
// Bun, Deno, Workers, Vercel Edge): native speed for large bodies, and off the main thread on Node.

/** The HMAC-SHA256 of the signed content with every key. */
export async function webCryptoMacs(pending: PendingVerification): Promise<Uint8Array[]> {
  const content = concatBytes([pending.prefix, pending.body]);
  return Promise.all(
    pending.keys.map(async (key) => {
      const imported = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
        'sign',
      ]);
      return new Uint8Array(await crypto.subtle.sign('HMAC', imported, content));
    }),
  );
}
