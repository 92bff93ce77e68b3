import type { IncomingHttpHeaders } from 'node:http';
import { Agent, type Dispatcher } from 'undici';
import type { AbortHandle } from './abort-handle';
import { DeliveryError, type DeliveryErrorCode } from './errors';
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
    // Each exchange has its own deadline; these only stop a socket from outliving it.
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
  /** Where to: `origin` is `http://host:port`, `path` includes the query string. */
  target: { readonly origin: string; readonly path: string; readonly hostname: string };
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
 * One exchange in flight, as undici's dispatch handler. A class rather than closures: this runs once per
 * delivery attempt, and its methods live on the prototype instead of being allocated each time.
 */
class Exchange implements Dispatcher.DispatchHandler {
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;
  private controller: Dispatcher.DispatchController | undefined;
  private stopped: DeliveryError | undefined;
  private done = false;
  private status = 0;
  private headers: IncomingHttpHeaders = {};
  private size = 0;
  private truncated = false;
  private readonly chunks: Buffer[] = [];

  constructor(
    private readonly options: ExchangeRequest,
    private readonly resolve: (response: ExchangeResponse) => void,
    private readonly reject: (error: DeliveryError) => void,
  ) {
    this.timer = setTimeout(
      () => this.stop(new DeliveryError('TIMEOUT', `no complete answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    options.abort?.onAbort(() =>
      this.stop(new DeliveryError('CANCELLED', 'cancelled by close() or removeEndpoint()')),
    );
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.stopped) controller.abort(this.stopped);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    if (statusCode < 200 && statusCode >= 100) return; // informational: the real answer follows
    this.status = statusCode;
    this.headers = headers;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.truncated) return;
    this.size += chunk.length;
    if (this.size > this.options.maxResponseBytes) {
      this.truncated = true;
      controller.abort(new Error('response body over the limit'));
      return;
    }
    if (this.options.keepBody) this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    this.finish();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.truncated && this.status !== 0) this.finish();
    else this.finish(this.stopped ?? describeNetworkError(error, this.options.timeoutMs));
  }

  /** Settles at once; the request itself is aborted as soon as undici hands over its controller. */
  stop(error: DeliveryError): void {
    if (this.done) return;
    this.stopped = error;
    this.controller?.abort(error);
    this.finish(error);
  }

  finish(error?: DeliveryError): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    if (error) {
      this.reject(error);
      return;
    }
    this.resolve({
      status: this.status,
      headers: this.headers,
      body:
        this.options.keepBody && !this.truncated ? Buffer.concat(this.chunks).toString('utf8') : undefined,
      truncated: this.truncated,
      durationMs: performance.now() - this.started,
    });
  }
}

/**
 * Performs one HTTP exchange. Redirects are never followed (undici only follows them through an interceptor),
 * at most `maxResponseBytes` of the answer are read (past that the connection is dropped, never downloaded),
 * and `timeoutMs` bounds the whole exchange: connect, headers and body.
 *
 * It drives undici's dispatch handler directly: no response stream, no abort signal and no promise per chunk,
 * which the sender's profile showed as a third of its CPU per delivery with `request()`.
 *
 * @throws {DeliveryError} when no HTTP status was received (network failure, timeout, blocked address).
 */
export function exchange(options: ExchangeRequest): Promise<ExchangeResponse> {
  return new Promise((resolve, reject) => {
    const handler = new Exchange(options, resolve, reject);
    try {
      if (options.blockPrivateNetworks) assertPublicHost(options.target.hostname);
      options.dispatcher.dispatch(
        {
          origin: options.target.origin,
          path: options.target.path,
          method: options.method,
          headers: options.headers,
          body: options.body ?? null,
        },
        handler,
      );
    } catch (error) {
      handler.finish(error instanceof DeliveryError ? error : describeNetworkError(error, options.timeoutMs));
    }
  });
}

/** A response header as one string (the first one, if repeated). */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
