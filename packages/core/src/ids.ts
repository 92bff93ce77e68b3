import { randomBytes } from 'node:crypto';

// One call to the CSPRNG per 256 ids instead of one per id: it showed up in the publish path's profile.
const ENTROPY_BYTES = 12 * 256;
let entropy = Buffer.alloc(0);
let offset = 0;

/**
 * A new `webhook-id`: `msg_`, the time in milliseconds in base 36 (so ids sort by creation) and 96 random bits
 * in base64url. Letters, digits, `-` and `_` only: never a `.` (Standard Webhooks signs `id.timestamp.body`).
 */
export function newMessageId(): string {
  if (offset + 12 > entropy.length) {
    entropy = randomBytes(ENTROPY_BYTES);
    offset = 0;
  }
  const suffix = entropy.toString('base64url', offset, offset + 12);
  offset += 12;
  return `msg_${Date.now().toString(36)}${suffix}`;
}

/** A random challenge for the Verify ping. */
export function newChallenge(): string {
  return randomBytes(24).toString('base64url');
}
