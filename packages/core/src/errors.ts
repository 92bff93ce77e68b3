/**
 * Every error bothooks creates carries a stable, documented `code` to branch on.
 * Messages are for humans and may change; codes do not.
 */
export class BothooksError extends Error {
  /** A stable machine-readable code, e.g. `INVALID_CONFIG` or `TIMEOUT`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BothooksError';
    this.code = code;
  }
}

/**
 * Invalid configuration, thrown synchronously at construction (or by `addEndpoint`).
 * `field` names the offending option with its path, e.g. `endpoints[1].url`.
 *
 * @example
 * ```ts
 * try {
 *   createWebhooks({ endpoints: [{ url: 'ftp://example.com' }] });
 * } catch (error) {
 *   if (error instanceof ConfigError) console.error(error.field); // 'endpoints[0].url'
 * }
 * ```
 */
export class ConfigError extends BothooksError {
  /** The path of the option that is wrong. */
  readonly field: string;

  constructor(field: string, message: string) {
    super('INVALID_CONFIG', `${field}: ${message}`);
    this.name = 'ConfigError';
    this.field = field;
  }
}

/** Codes describing why one HTTP exchange with an endpoint failed. */
export type DeliveryErrorCode =
  | 'TIMEOUT'
  | 'CONNECTION_REFUSED'
  | 'CONNECTION_RESET'
  | 'DNS_FAILURE'
  | 'TLS_FAILURE'
  | 'BLOCKED_ADDRESS'
  | 'NETWORK_ERROR'
  | 'REDIRECT'
  | 'HTTP_STATUS'
  | 'ENDPOINT_GONE'
  | 'ABORTED_BY_RECEIVER'
  | 'CANCELLED';

/** One HTTP exchange with an endpoint failed. `status` is set when the endpoint answered. */
export class DeliveryError extends BothooksError {
  declare readonly code: DeliveryErrorCode;
  /** The HTTP status, when the endpoint answered. */
  readonly status: number | undefined;

  constructor(code: DeliveryErrorCode, message: string, options?: { cause?: unknown; status?: number }) {
    super(code, message, options);
    this.name = 'DeliveryError';
    this.status = options?.status;
  }
}

/** Codes of {@link JsonApiError}: every {@link DeliveryErrorCode} plus the ways a reply can be unusable. */
export type JsonApiErrorCode =
  | DeliveryErrorCode
  | 'RESPONSE_TOO_LARGE'
  | 'INVALID_JSON'
  | 'INVALID_REPLY'
  | 'INVALID_OPTIONS'
  | 'UNKNOWN_ENDPOINT';

/** A JSON API request (`hooks.request`) did not produce a usable reply. */
export class JsonApiError extends BothooksError {
  declare readonly code: JsonApiErrorCode;
  /** The HTTP status, when the endpoint answered. */
  readonly status: number | undefined;

  constructor(code: JsonApiErrorCode, message: string, options?: { cause?: unknown; status?: number }) {
    super(code, message, options);
    this.name = 'JsonApiError';
    this.status = options?.status;
  }
}

/** `addEndpoint(config, { verify: true })` was refused because the endpoint failed the Verify check. */
export class EndpointVerificationError extends BothooksError {
  declare readonly code: 'VERIFICATION_FAILED';
  /** The outcome of the Verify check. */
  readonly result: {
    ok: false;
    status?: number;
    latencyMs: number;
    error?: { code: string; message: string };
  };

  constructor(endpointId: string, result: EndpointVerificationError['result']) {
    const reason = result.error ? `${result.error.code}: ${result.error.message}` : `status ${result.status}`;
    super('VERIFICATION_FAILED', `endpoint "${endpointId}" failed verification (${reason})`);
    this.name = 'EndpointVerificationError';
    this.result = result;
  }
}

/** A failure as events describe it (`ErrorInfo`): code, message and status; never a secret or a header. */
export function errorInfo(error: BothooksError): { code: string; message: string; status?: number } {
  const status = (error as { status?: unknown }).status;
  return {
    code: error.code,
    message: error.message,
    ...(typeof status === 'number' && { status }),
  };
}

/** Turns anything thrown into an `Error`, without ever throwing itself. */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  try {
    return new Error(typeof value === 'string' ? value : String(JSON.stringify(value)));
  } catch {
    return new Error('a value that is not an Error was thrown');
  }
}
