import type { IncomingHttpHeaders } from 'node:http';
import { Agent, type Dispatcher, request } from 'undici';
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
  url: URL;
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
  signal?: AbortSignal | undefined;
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
  if (options.blockPrivateNetworks) assertPublicHost(options.url.hostname);

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline.signal, options.signal]) : deadline.signal;
  try {
    const response = await request(options.url, {
      method: options.method,
      headers: options.headers,
      body: options.body,
      dispatcher: options.dispatcher,
      signal,
    });
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
      if (options.keepBody) chunks.push(chunk);
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      body: options.keepBody && !truncated ? Buffer.concat(chunks).toString('utf8') : undefined,
      truncated,
      durationMs: performance.now() - started,
    };
  } catch (error) {
    if (options.signal?.aborted) throw new DeliveryError('CANCELLED', 'cancelled by close()');
    if (deadline.signal.aborted) {
      throw new DeliveryError('TIMEOUT', `no complete answer within ${options.timeoutMs} ms`);
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
