/** Codes of {@link WebhookVerificationError}: stable, documented, safe to branch on. */
export type VerificationErrorCode =
  /** One or more of `webhook-id`, `webhook-timestamp`, `webhook-signature` (or their `svix-*` twins) is absent. */
  | 'MISSING_HEADERS'
  /** `webhook-timestamp` is not an integer of Unix seconds. */
  | 'INVALID_TIMESTAMP'
  /** `webhook-timestamp` is older than `toleranceSeconds`: a replay, or a clock far behind. */
  | 'TIMESTAMP_TOO_OLD'
  /** `webhook-timestamp` is further in the future than `toleranceSeconds`. */
  | 'TIMESTAMP_TOO_NEW'
  /** No signature matches the content with any of the secrets. */
  | 'NO_MATCHING_SIGNATURE'
  /** A secret is missing or malformed (the message says how; it never contains the secret). */
  | 'INVALID_SECRET'
  /** The payload was given in a form that cannot be the raw body (a parsed object, `undefined`, a number). */
  | 'PAYLOAD_NOT_RAW'
  /** The content verified but is not a bothooks event (not JSON, or a GET query without the required fields). */
  | 'INVALID_PAYLOAD'
  /** The body is larger than `maxBodyBytes`. */
  | 'PAYLOAD_TOO_LARGE'
  /** An option is wrong, e.g. a `toleranceSeconds` that is not a finite number. */
  | 'INVALID_OPTIONS';

/** The HTTP statuses a {@link WebhookVerificationError} maps to. */
export type VerificationErrorStatus = 400 | 401 | 413 | 500;

/** How each code is answered by the request helpers: the request's fault (400), its authenticity (401), ours (500). */
export const VERIFICATION_ERROR_STATUS: Readonly<Record<VerificationErrorCode, VerificationErrorStatus>> = {
  MISSING_HEADERS: 400,
  INVALID_TIMESTAMP: 400,
  INVALID_PAYLOAD: 400,
  PAYLOAD_TOO_LARGE: 413,
  TIMESTAMP_TOO_OLD: 401,
  TIMESTAMP_TOO_NEW: 401,
  NO_MATCHING_SIGNATURE: 401,
  INVALID_SECRET: 500,
  PAYLOAD_NOT_RAW: 500,
  INVALID_OPTIONS: 500,
};

/**
 * A received webhook did not verify, or the verification was called wrongly. `code` is stable; `status` is the
 * HTTP status to answer with (400 for a malformed request, 401 for a failed signature or timestamp, 413 for a
 * body over the limit, 500 for a mistake on the receiving side such as a missing secret). The message never
 * contains a secret.
 *
 * @example
 * ```ts
 * try {
 *   verifyWebhook({ payload, headers, secret });
 * } catch (error) {
 *   if (error instanceof WebhookVerificationError) console.warn(error.code, error.message);
 * }
 * ```
 */
export class WebhookVerificationError extends Error {
  readonly code: VerificationErrorCode;
  /** The HTTP status a receiver should answer with. */
  readonly status: VerificationErrorStatus;

  constructor(code: VerificationErrorCode, message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
    this.code = code;
    this.status = VERIFICATION_ERROR_STATUS[code];
  }
}
