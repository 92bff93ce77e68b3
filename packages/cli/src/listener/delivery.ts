import type { SignatureCheck } from './signature-check';

/** How the listener answered: the kind says who decided, `detail` says more in words. */
export interface Answer {
  status: number;
  /**
   * `challenge`: a verify ping, echoed; `reply`: the `--reply` file; `accepted`: a plain 204; `refused`: the
   * signature or the request was not acceptable; `forwarded`: the forward target's own answer, relayed;
   * `error`: the listener could not answer as asked (an unreadable reply file, an unreachable forward target).
   */
  kind: 'challenge' | 'reply' | 'accepted' | 'refused' | 'forwarded' | 'error';
  detail?: string;
}

/** One relay of a request to the `--forward-to` target. */
export interface ForwardAttempt {
  url: string;
  at: string;
  /** True when the inspector's "resend" button sent it, false for the relay as the request arrived. */
  resend: boolean;
  status?: number;
  statusText?: string;
  latencyMs: number;
  /** The start of the target's answer, as text. */
  bodyExcerpt?: string;
  /** Why there is no status: `CONNECTION_REFUSED`, `TIMEOUT`, ... */
  error?: { code: string; message: string };
}

/** One request the listener received, as printed, sent to the inspector and written by `--json`. */
export interface Delivery {
  /** 1, 2, 3, ... in arrival order. */
  id: number;
  receivedAt: string;
  method: string;
  /** The path and query string, as received. */
  url: string;
  webhookId?: string;
  type?: string;
  platform?: string;
  conversation?: string;
  user?: string;
  text?: string;
  /** The parsed JSON body, or a GET's query parameters. */
  event?: unknown;
  /** The request headers in order; credentials (`authorization`, `cookie`) are redacted. */
  headers: [string, string][];
  /** The body as UTF-8 text. */
  body: string;
  /** True when the body was larger than the listener accepts, and only its start is kept. */
  bodyTruncated: boolean;
  signature: SignatureCheck;
  answer: Answer;
  /** The relay to `--forward-to`, then each resend. */
  forwards: ForwardAttempt[];
}

const CREDENTIALS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** The header pairs to show: every header as received, with credentials reduced to their scheme. */
export function displayHeaders(rawHeaders: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    const value = rawHeaders[index + 1] as string;
    if (!CREDENTIALS.has(name.toLowerCase())) pairs.push([name, value]);
    else pairs.push([name, `${/^\w+ /.exec(value)?.[0] ?? ''}[redacted]`]);
  }
  return pairs;
}
