import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { ExchangeError, type ExchangeResult, exchange } from '../http-client';
import { printable } from '../terminal';
import type { ForwardAttempt } from './delivery';

// Connection-level headers belong to one hop; `host` names the listener, not the target.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

/** Drops the hop-by-hop headers from a `rawHeaders` list and keeps everything else, in order. */
export function endToEndHeaders(
  rawHeaders: readonly string[],
  drop: ReadonlySet<string> = HOP_BY_HOP,
): string[] {
  const kept: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    if (!drop.has(name.toLowerCase())) kept.push(name, rawHeaders[index + 1] as string);
  }
  return kept;
}

/** The most of the target's answer that is relayed back. */
const MAX_ANSWER_BYTES = 1024 * 1024;
const EXCERPT_CHARACTERS = 2000;

/** Relays requests to the developer's own receiver, unchanged: same method, headers and raw body. */
export class Forwarder {
  readonly url: URL;
  readonly #agent: HttpAgent | HttpsAgent;

  constructor(
    url: URL,
    private readonly timeoutMs: number,
  ) {
    this.url = url;
    this.#agent =
      url.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  }

  /**
   * Sends one request on. The target's path is kept; the request's own query string, byte for byte, replaces
   * the target's (a GET is signed over it). Redirects are answers like any other, never followed.
   */
  async send(request: {
    method: string;
    /** The query as received, or undefined when the URL had no `?`. */
    query: string | undefined;
    rawHeaders: readonly string[];
    body: Buffer;
    resend: boolean;
  }): Promise<{ attempt: ForwardAttempt; result?: ExchangeResult }> {
    const target = new URL(this.url);
    const path =
      request.query === undefined
        ? `${target.pathname}${target.search}`
        : `${target.pathname}?${request.query}`;
    const at = new Date().toISOString();
    try {
      const result = await exchange({
        url: target,
        path,
        method: request.method,
        headers: endToEndHeaders(request.rawHeaders),
        body: request.body.length > 0 ? request.body : undefined,
        timeoutMs: this.timeoutMs,
        maxResponseBytes: MAX_ANSWER_BYTES,
        agent: this.#agent,
      });
      const excerpt = result.body
        .subarray(0, EXCERPT_CHARACTERS * 4)
        .toString('utf8')
        .slice(0, EXCERPT_CHARACTERS);
      return {
        attempt: {
          url: this.url.href,
          at,
          resend: request.resend,
          status: result.status,
          statusText: printable(result.statusText, 100),
          latencyMs: result.latencyMs,
          ...(excerpt !== '' && { bodyExcerpt: excerpt }),
        },
        result,
      };
    } catch (error) {
      const failure =
        error instanceof ExchangeError ? error : new ExchangeError('NETWORK_ERROR', String(error), 0);
      return {
        attempt: {
          url: this.url.href,
          at,
          resend: request.resend,
          latencyMs: failure.latencyMs,
          error: { code: failure.code, message: failure.message },
        },
      };
    }
  }

  close(): void {
    this.#agent.destroy();
  }
}
