import type { MessageFailureCode } from '../error-codes';
import type { MessageFailure } from '../event';

/** The longest `data.error.message`: platforms answer with whole HTML error pages at times. */
export const FAILURE_MESSAGE_LENGTH = 500;

const REDACTED = '[REDACTED]';

// Credentials that platform and network errors are known to quote, whichever adapter reports them.
const CREDENTIAL_PATTERNS: [RegExp, string][] = [
  // Telegram bot tokens, as in Bot API URLs (`/bot123456:AAH.../sendMessage`): the id before `:` is public.
  [/(\d{3,}):[A-Za-z0-9_-]{20,}/g, `$1:${REDACTED}`],
  // Discord webhook and interaction tokens in routes (`/webhooks/<id>/<token>`).
  [/(\/(?:webhooks|interactions)\/\d+\/)[^/\s?#"']+/g, `$1${REDACTED}`],
  // Discord bot tokens (`<base64 id>.<timestamp>.<hmac>`).
  [/\b[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}\b/g, REDACTED],
  // Slack tokens (bot, user, app-level, refresh, configuration and workflow function tokens).
  [/\b(?:xox[abeoprs]|xwfp)-[A-Za-z0-9-]{8,}/g, REDACTED],
  [/\bxapp-[A-Za-z0-9-]{8,}/g, REDACTED],
  // Slack response_url and incoming-webhook paths: whoever holds one may post in the conversation.
  [/(hooks\.slack\.com\/(?:commands|actions|services|workflows|triggers)\/)[^\s"'<>]+/g, `$1${REDACTED}`],
  // Authorization headers (a digit tells a credential from prose such as "Basic authentication") and JWTs.
  [/\b(Bearer|Basic)\s+(?=[A-Za-z._~+/=-]*\d)[A-Za-z0-9._~+/=-]{16,}/gi, `$1 ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  // User info in URLs (`https://user:password@host`).
  [/(\/\/)[^/\s:@]+:[^/\s@]+@/g, `$1${REDACTED}@`],
  // Query parameters that carry credentials: signed URLs, tokens, keys.
  [
    /([?&](?:t|token|access_token|id_token|tempauth|sig|signature|code|key|apikey|api_key|auth|password|secret|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential)=)[^&\s#"']+/gi,
    `$1${REDACTED}`,
  ],
];

/**
 * Removes credentials from a text: each of `secrets` wherever it appears, and the shapes of credentials that
 * platform errors quote (bot tokens in URLs, webhook and interaction tokens in routes, bearer tokens and JWTs,
 * user info and credential query parameters in URLs).
 *
 * @example
 * ```ts
 * redactSecrets('request to https://api.telegram.org/bot123456:AAH-secret/sendMessage failed');
 * // 'request to https://api.telegram.org/bot123456:[REDACTED]/sendMessage failed'
 * ```
 */
export function redactSecrets(text: string, secrets: Iterable<string | null | undefined> = []): string {
  // The shapes first: they keep what is public (a Telegram bot's id), then whatever is left of the secrets.
  let redacted = text;
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) redacted = redacted.replace(pattern, replacement);
  for (const secret of secrets) {
    // A very short "secret" would shred the message without protecting anything.
    if (typeof secret === 'string' && secret.length >= 8) redacted = redacted.split(secret).join(REDACTED);
  }
  return redacted;
}

/** What an adapter knows of a failure beyond what {@link describeFailure} reads from the error itself. */
export interface FailureFacts {
  /** The HTTP status the platform answered with. */
  status?: number | undefined;
  /** The platform's own error code (Discord's `50013`, Bot Framework's `BadArgument`). */
  platformCode?: string | number | undefined;
  /** A better description than the error's `message` (the platform's own error description). */
  message?: string | undefined;
  /**
   * The code, when the platform says more than its HTTP status: Slack answers nearly every refusal with HTTP
   * 200 and an error name (`not_in_channel` is `FORBIDDEN`, `channel_not_found` is `NOT_FOUND`).
   */
  code?: MessageFailureCode | undefined;
}

const STATUS_CODES: Record<number, MessageFailureCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
};

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'REQUEST_SEND_ERROR',
]);

type Fields = { name?: unknown; code?: unknown; type?: unknown; message?: unknown; cause?: unknown };

function fieldsOf(value: unknown): Fields {
  return typeof value === 'object' && value !== null ? (value as Fields) : {};
}

function statusOf(error: unknown): number | undefined {
  const fields = error as { status?: unknown; statusCode?: unknown; response?: { status?: unknown } } | null;
  if (typeof fields !== 'object' || fields === null) return undefined;
  for (const candidate of [fields.status, fields.statusCode, fields.response?.status]) {
    if (typeof candidate === 'number' && candidate >= 100 && candidate <= 599) return candidate;
  }
  return undefined;
}

function codeWithoutStatus(error: unknown): MessageFailureCode {
  // Network errors carry their system code on the error or, from fetch, on its cause.
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 3; depth += 1) {
    const { name, code, type, cause } = fieldsOf(current);
    if (name === 'AbortError') return 'ABORTED';
    if (name === 'TimeoutError' || (typeof code === 'string' && TIMEOUT_CODES.has(code))) return 'TIMEOUT';
    if ((typeof code === 'string' && NETWORK_CODES.has(code)) || type === 'system') return 'NETWORK_ERROR';
    current = cause;
  }
  return 'UNKNOWN';
}

function codeOf(status: number | undefined, error: unknown): MessageFailureCode {
  if (status === undefined) return codeWithoutStatus(error);
  return STATUS_CODES[status] ?? (status >= 500 ? 'SERVER_ERROR' : 'HTTP_ERROR');
}

function messageOf(error: unknown): string {
  const { message, name } = fieldsOf(error);
  if (typeof message === 'string' && message !== '') return message;
  if (typeof name === 'string' && name !== '') return name;
  try {
    return typeof error === 'string' ? error : String(error);
  } catch {
    return 'unknown error';
  }
}

/**
 * The `data.error` of a `message.failed` event, the same in every adapter: `operation`, a code of
 * `MESSAGE_FAILURE_CODES` (from the HTTP status, else from the network error), the message without credentials
 * (see {@link redactSecrets}) and cut to {@link FAILURE_MESSAGE_LENGTH}, the status and the platform's own code.
 * Never throws.
 *
 * @param operation What the bot tried.
 * @param error What the framework threw or rejected with.
 * @param facts What the adapter read from the framework's error type (status, platform code, description).
 * @param secrets The bot's credentials, removed wherever they appear.
 * @example
 * ```ts
 * describeFailure('send', error, { status: error.response?.error_code, message: error.description }, [token]);
 * ```
 */
export function describeFailure(
  operation: MessageFailure['operation'],
  error: unknown,
  facts: FailureFacts = {},
  secrets: Iterable<string | null | undefined> = [],
): MessageFailure {
  try {
    const status = facts.status ?? statusOf(error);
    const platformCode = facts.platformCode ?? undefined;
    const text = redactSecrets(facts.message ?? messageOf(error), secrets);
    return {
      operation,
      code: facts.code ?? codeOf(status, error),
      message: text.length <= FAILURE_MESSAGE_LENGTH ? text : `${text.slice(0, FAILURE_MESSAGE_LENGTH - 1)}…`,
      ...(status !== undefined && { status }),
      ...(platformCode !== undefined && platformCode !== '' && { platformCode: String(platformCode) }),
    };
  } catch {
    // An error object whose getters throw still becomes an event: what was tried is known.
    return { operation, code: 'UNKNOWN', message: 'the error could not be read' };
  }
}
