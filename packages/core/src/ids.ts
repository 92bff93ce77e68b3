import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// One call to the CSPRNG per 256 ids instead of one per id: it showed up in the publish path's profile.
const ENTROPY_BYTES = 16 * 256;
let entropy = Buffer.alloc(0);
let offset = 0;

/**
 * A new `webhook-id`: `msg_`, the time in milliseconds (so ids sort by creation) and 16 random
 * base62 characters. Only letters and digits, never a `.` (Standard Webhooks signs `id.timestamp.body`).
 */
export function newMessageId(): string {
  if (offset + 16 > entropy.length) {
    entropy = randomBytes(ENTROPY_BYTES);
    offset = 0;
  }
  let suffix = '';
  for (let index = offset; index < offset + 16; index += 1) suffix += ALPHABET[(entropy[index] ?? 0) % 62];
  offset += 16;
  return `msg_${Date.now().toString(36)}${suffix}`;
}

/** A random challenge for the Verify ping. */
export function newChallenge(): string {
  return randomBytes(24).toString('base64url');
}
