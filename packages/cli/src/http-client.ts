import { type Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { type Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** One HTTP request, sent as given: node's client never follows redirects, and neither does this. */
export interface ExchangeOptions {
  url: URL;
  /** The path and query to send, exactly; by default the URL's. */
  path?: string;
  method: string;
  /** Header names and values in order, like `IncomingMessage.rawHeaders`, so repeats and case survive. */
  headers: readonly string[];
  body?: Uint8Array | string;
  /** Deadline for the whole exchange, connect to last byte. */
  timeoutMs: number;
  /** Past this many response bytes the rest is discarded and `truncated` set. */
  maxResponseBytes: number;
  /** A keep-alive pool to reuse; by default a fresh connection that closes afterwards. */
  agent?: HttpAgent | HttpsAgent;
}

export interface ExchangeResult {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  truncated: boolean;
  latencyMs: number;
}

/** Why an exchange got no answer. `code` is the same vocabulary core uses for deliveries. */
export class ExchangeError extends Error {
  readonly code: 'TIMEOUT' | 'CONNECTION_REFUSED' | 'CONNECTION_RESET' | 'DNS_FAILURE' | 'NETWORK_ERROR';
  readonly latencyMs: number;

  constructor(code: ExchangeError['code'], message: string, latencyMs: number) {
    super(message);
    this.name = 'ExchangeError';
    this.code = code;
    this.latencyMs = latencyMs;
  }
}

function describe(error: NodeJS.ErrnoException, url: URL): [ExchangeError['code'], string] {
  switch (error.code) {
    case 'ECONNREFUSED':
      return ['CONNECTION_REFUSED', `nothing is listening on ${url.host}`];
    case 'ECONNRESET':
    case 'EPIPE':
      return ['CONNECTION_RESET', `${url.host} closed the connection before answering`];
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return ['DNS_FAILURE', `${url.hostname} does not resolve`];
    default:
      return ['NETWORK_ERROR', error.message];
  }
}

/** Sends one request and reads the answer (up to `maxResponseBytes`), measuring the latency. */
export function exchange(options: ExchangeOptions): Promise<ExchangeResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const send = options.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const fail = (error: ExchangeError) => settle(() => reject(error));

    // With headers given as a list, node adds neither `host` nor the URL's credentials by itself.
    const named = (name: string) =>
      options.headers.some((value, index) => index % 2 === 0 && value.toLowerCase() === name);
    const headers = named('host') ? [...options.headers] : ['host', options.url.host, ...options.headers];
    if (options.url.username !== '' && !named('authorization')) {
      const credentials = `${decodeURIComponent(options.url.username)}:${decodeURIComponent(options.url.password)}`;
      headers.push('authorization', `Basic ${Buffer.from(credentials).toString('base64')}`);
    }
    const outgoing = send(options.url, {
      method: options.method,
      ...(options.path !== undefined && { path: options.path }),
      headers,
      agent: options.agent ?? false,
    });
    const timer = setTimeout(() => {
      fail(new ExchangeError('TIMEOUT', `no complete answer within ${options.timeoutMs} ms`, elapsed()));
      outgoing.destroy();
    }, options.timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      const [code, message] = describe(error, options.url);
      fail(new ExchangeError(code, message, elapsed()));
    });
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = () =>
        settle(() =>
          resolve({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            headers: response.headers,
            rawHeaders: response.rawHeaders,
            body: Buffer.concat(chunks),
            truncated,
            latencyMs: elapsed(),
          }),
        );
      response.on('data', (chunk: Buffer) => {
        if (size + chunk.length > options.maxResponseBytes) {
          chunks.push(chunk.subarray(0, options.maxResponseBytes - size));
          truncated = true;
          finish();
          // Enough read: a huge answer is cut off rather than downloaded.
          response.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', finish);
      response.on('error', (error) => {
        fail(new ExchangeError('CONNECTION_RESET', `the answer was cut off: ${error.message}`, elapsed()));
      });
    });
    outgoing.end(options.body);
  });
}
