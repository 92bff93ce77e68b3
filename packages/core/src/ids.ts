import { randomBytes } from 'node:crypto';

// One call to the CSPRNG and one base64url encoding per 256 ids instead of one per id: both showed up in the
// publish path's profile. 12 random bytes are exactly 16 base64url characters, so each id takes a slice.
const IDS_PER_BATCH = 256;
const SUFFIX_LENGTH = 16;
let entropy = '';
let offset = 0;
let lastMillis = -1;
let lastTime = '';

/**
 * A new `webhook-id`: `msg_`, the time in milliseconds in base 36 (so ids sort by creation) and 96 random bits
 * in base64url. Letters, digits, `-` and `_` only: never a `.` (Standard Webhooks signs `id.timestamp.body`).
 */
export function newMessageId(): string {
  if (offset >= entropy.length) {
    entropy = randomBytes(12 * IDS_PER_BATCH).toString('base64url');
    offset = 0;
  }
  const suffix = entropy.slice(offset, offset + SUFFIX_LENGTH);
  offset += SUFFIX_LENGTH;
  const millis = Date.now();
  if (millis !== lastMillis) {
    lastMillis = millis;
    lastTime = millis.toString(36);
  }
  return `msg_${lastTime}${suffix}`;
}

/** A random challenge for the Verify ping. */
export function newChallenge(): string {
  return randomBytes(24).toString('base64url');
}
