import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A new `webhook-id`: `msg_`, the time in milliseconds (so ids sort by creation) and 16 random
 * base62 characters. Only letters and digits, never a `.` (Standard Webhooks signs `id.timestamp.body`).
 */
export function newMessageId(): string {
  const random = randomBytes(16);
  let suffix = '';
  for (const byte of random) suffix += ALPHABET[byte % 62];
  return `msg_${Date.now().toString(36)}${suffix}`;
}

/** A random challenge for the Verify ping. */
export function newChallenge(): string {
  return randomBytes(24).toString('base64url');
}
