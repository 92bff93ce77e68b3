import type { IncomingHttpHeaders } from 'node:http';
import { Agent, type Dispatcher } from 'undici';
import { AbortHandle } from './abort-handle';
import { BothooksError, DeliveryError, type DeliveryErrorCode } from './errors';
import { assertPublicHost, guardedLookup } from './network-guard';

/** Settings of the connection pool behind one endpoint. */
export interface PoolSettings {
  connections: number;
  timeoutMs: number;
  blockPrivateNetworks: boolean;
}

/** A keep-alive pool (per origin) for one endpoint, so a dead endpoint cannot hold another's sockets. */
export function createPool(settings: PoolSettings): Agent {
  return new Agent({
    connections: settings.connections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    // The abort signal of each exchange is the real deadline; these only stop a socket from outliving it.
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
    connect: {
      timeout: Math.min(settings.timeoutMs, 10_000),
      ...(settings.blockPrivateNetworks ? { lookup: guardedLookup } : {}),
    },
  });
}

/** One HTTP request to an endpoint. */
export interface ExchangeRequest {
  /** `http://host:port`, without a path. */
  origin: string;
  /** The path with its query string. */
  path: string;
  hostname: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string | undefined;
  /** Deadline for the whole exchange: connect, headers and body. */
  timeoutMs: number;
  /** The most response-body bytes read; past it the connection is dropped. */
  maxResponseBytes: number;
  /** Whether the caller needs the body (JSON API, Verify), or it is read only to reuse the connection. */
  keepBody: boolean;
  dispatcher: Dispatcher;
  blockPrivateNetworks: boolean;
  /** Cancels the exchange (close(), removeEndpoint()); the deadline aborts it too. */
  abort?: AbortHandle | undefined;
}

/** What the endpoint answered. */
export interface ExchangeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as text, when `keepBody` was set and it fit in `maxResponseBytes`. */
  body: string | undefined;
  /** True when the body was larger than `maxResponseBytes` and the rest was not read. */
  truncated: boolean;
  durationMs: number;
}

const NETWORK_CODES: Record<string, DeliveryErrorCode> = {
  ECONNREFUSED: 'CONNECTION_REFUSED',
  ECONNRESET: 'CONNECTION_RESET',
  EPIPE: 'CONNECTION_RESET',
  UND_ERR_SOCKET: 'CONNECTION_RESET',
  UND_ERR_CLOSED: 'CONNECTION_RESET',
  ENOTFOUND: 'DNS_FAILURE',
  EAI_AGAIN: 'DNS_FAILURE',
  UND_ERR_CONNECT_TIMEOUT: 'TIMEOUT',
  UND_ERR_HEADERS_TIMEOUT: 'TIMEOUT',
  UND_ERR_BODY_TIMEOUT: 'TIMEOUT',
  ETIMEDOUT: 'TIMEOUT',
};

function describeNetworkError(error: unknown, timeoutMs: number): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const code = (error as { code?: unknown })?.code;
  const mapped = typeof code === 'string' ? NETWORK_CODES[code] : undefined;
  if (mapped === 'TIMEOUT') return new DeliveryError('TIMEOUT', `no complete answer within ${timeoutMs} ms`);
  if (mapped) return new DeliveryError(mapped, (error as Error).message, { cause: error });
  if (typeof code === 'string' && /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code)) {
    return new DeliveryError('TLS_FAILURE', (error as Error).message, { cause: error });
  }
  const message = error instanceof Error ? error.message : 'network error';
  return new DeliveryError('NETWORK_ERROR', message, { cause: error });
}

/**
 * Performs one HTTP exchange. Redirects are never followed (undici's `request` does not follow them
 * without an interceptor) and at most `maxResponseBytes` of the answer are read.
 *
 * @throws {DeliveryError} when no HTTP status was received (network failure, timeout, blocked address).
 */
export async function exchange(options: ExchangeRequest): Promise<ExchangeResponse> {
  const started = performance.now();
  if (options.blockPrivateNetworks) assertPublicHost(options.hostname);

  const abort = options.abort ?? new AbortHandle();
  let timedOut = false;
  const timeoutError = (): DeliveryError =>
    new DeliveryError('TIMEOUT', `no complete answer within ${options.timeoutMs} ms`);
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort(timeoutError());
  }, options.timeoutMs);
  try {
    const response = await options.dispatcher.request({
      origin: options.origin,
      path: options.path,
      method: options.method,
      headers: options.headers,
      body: options.body,
      signal: abort,
    });
    if (!options.keepBody) {
      // Read only to reuse the connection; undici destroys the socket rather than read past the limit
      // (at once when content-length says it is larger).
      await response.body.dump({ limit: options.maxResponseBytes });
      // dump() resolves, not rejects, when the deadline destroys the body mid-way.
      if (abort.aborted) throw abort.reason;
      return {
        status: response.statusCode,
        headers: response.headers,
        body: undefined,
        truncated: false,
        durationMs: performance.now() - started,
      };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    // Breaking out of the loop destroys the stream, which drops the connection: a hostile endpoint
    // cannot make us buffer (or even download) a huge answer.
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > options.maxResponseBytes) {
        truncated = true;
        break;
      }
      chunks.push(chunk);
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      body: truncated ? undefined : Buffer.concat(chunks).toString('utf8'),
      truncated,
      durationMs: performance.now() - started,
    };
  } catch (error) {
    if (abort.aborted) {
      if (timedOut) throw timeoutError();
      throw new DeliveryError('CANCELLED', 'cancelled by close() or removeEndpoint()');
    }
    if (error instanceof BothooksError && !(error instanceof DeliveryError)) throw error;
    throw describeNetworkError(error, options.timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

/** A response header as one string (the first one, if repeated). */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
