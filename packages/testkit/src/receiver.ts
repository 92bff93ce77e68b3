import { appendFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { verifyWebhook } from '@bothooks/receiver';
import { Webhook } from 'standardwebhooks';
import { carriedEvent, eventSchemaViolations } from './event-schemas';

/** How the receiver answers one request. Everything is optional; the default is `204 No Content`. */
export interface Behaviour {
  /** @default 204 */
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (until the receiver closes). */
  hang?: boolean;
  /** Destroy the connection instead of answering. */
  reset?: boolean;
  /** Answer with a body of this many bytes, streamed with backpressure. */
  hugeBodyBytes?: number;
  /** Send the status and headers, then one byte of body every 20 ms, never finishing. */
  trickle?: boolean;
  /** Answer 302 with this `location`. */
  redirectTo?: string;
  /** Add a `retry-after` header. */
  retryAfter?: string | number;
}

/** One request the receiver got. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The path with its query string. */
  url: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  body: string;
  /** When the body was fully received (performance.now()). */
  arrivedAt: number;
  /** Set when the receiver has a secret: whether `standardwebhooks` verified the request. */
  verified?: boolean;
  verifyError?: string;
  /** How the bothooks event the request carries breaks its JSON Schema (empty when it conforms). */
  schemaViolations: string[];
  /** For a huge-body answer: bytes written before the client went away. */
  bytesSent?: number;
  json<TValue = unknown>(): TValue;
}

export interface ReceiverOptions {
  /** Verify every request with the `standardwebhooks` package using this secret. */
  secret?: string;
  /** The answer used once a path's script is exhausted. @default { status: 204 } */
  defaultBehaviour?: Behaviour;
  /**
   * Check every bothooks event received against the JSON Schemas of @bothooks/receiver; `close()` then rejects
   * listing every violation, so a mapping that breaks the contract fails the test that caused it.
   * @default true
   */
  validateEvents?: boolean;
}

export interface Receiver {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The requests received, in arrival order. */
  readonly requests: RecordedRequest[];
  /** A URL on this receiver. @default path '/hooks' */
  url(path?: string): string;
  /** Queues answers for the next requests to `path` (all paths when omitted), one per request. */
  script(behaviours: Behaviour[], path?: string): void;
  /** Decides answers from the request itself; returning undefined falls back to the script and defaults. */
  respondWith(decide: ((request: RecordedRequest) => Behaviour | undefined) | undefined): void;
  /** Sets the answer used when no script entry is left. */
  setDefault(behaviour: Behaviour, path?: string): void;
  /** Holds every answer (requests are still recorded) until the returned function is called. */
  hold(): () => void;
  /** Resolves once `count` requests (matching `filter`) have arrived. */
  waitFor(
    count: number,
    options?: { filter?: (request: RecordedRequest) => boolean; timeoutMs?: number },
  ): Promise<RecordedRequest[]>;
  /** The requests matching a path. */
  on(path: string): RecordedRequest[];
  /** Connections currently open to the receiver. */
  openConnections(): number;
  /** Closes the receiver; rejects when an event it received broke its JSON Schema (see `validateEvents`). */
  close(): Promise<void>;
}

const ALL_PATHS = '*';

// `npm run docs:events` runs the adapter tests with this set and takes the examples of docs/events.md from
// what the adapters really sent.
const CAPTURE_FILE = process.env.BOTHOOKS_CAPTURE_EVENTS;

function captureEvent(record: RecordedRequest): void {
  if (!CAPTURE_FILE || record.schemaViolations.length > 0) return;
  const event = carriedEvent(record.method, record.url, record.body);
  if (event !== undefined) appendFileSync(CAPTURE_FILE, `${JSON.stringify(event)}\n`);
}

/**
 * Starts a real HTTP receiver on 127.0.0.1, port 0, that records every request and can be scripted per
 * request: status sequences, delays, hanging, resets, huge bodies, redirects and `Retry-After`.
 */
export async function createReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const requests: RecordedRequest[] = [];
  const scripts = new Map<string, Behaviour[]>();
  const defaults = new Map<string, Behaviour>([[ALL_PATHS, options.defaultBehaviour ?? { status: 204 }]]);
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();
  const hanging = new Set<ServerResponse>();
  let gate: Promise<void> | undefined;
  let decider: ((request: RecordedRequest) => Behaviour | undefined) | undefined;
  const verifier = options.secret ? new Webhook(options.secret) : undefined;

  const nextBehaviour = (path: string): Behaviour => {
    for (const key of [path, ALL_PATHS]) {
      const queue = scripts.get(key);
      if (queue && queue.length > 0) return queue.shift() as Behaviour;
    }
    return defaults.get(path) ?? defaults.get(ALL_PATHS) ?? { status: 204 };
  };

  const answer = async (
    request: IncomingMessage,
    response: ServerResponse,
    record: RecordedRequest,
  ): Promise<void> => {
    const behaviour = decider?.(record) ?? nextBehaviour(record.path);
    if (gate) await gate;
    if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    if (behaviour.reset) {
      request.socket.destroy();
      return;
    }
    if (behaviour.hang) {
      hanging.add(response);
      return;
    }
    const headers: Record<string, string> = { ...behaviour.headers };
    if (behaviour.retryAfter !== undefined) headers['retry-after'] = String(behaviour.retryAfter);
    if (behaviour.redirectTo) {
      response.writeHead(behaviour.status ?? 302, { ...headers, location: behaviour.redirectTo });
      response.end();
      return;
    }
    if (behaviour.trickle) {
      response.writeHead(behaviour.status ?? 200, headers);
      const timer = setInterval(() => response.write('.'), 20);
      response.on('close', () => clearInterval(timer));
      hanging.add(response);
      return;
    }
    if (behaviour.hugeBodyBytes) {
      response.writeHead(behaviour.status ?? 200, { ...headers, 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 120);
      let sent = 0;
      record.bytesSent = 0;
      const write = (): void => {
        while (sent < (behaviour.hugeBodyBytes ?? 0)) {
          if (response.destroyed) return;
          sent += chunk.length;
          record.bytesSent = sent;
          if (!response.write(chunk)) {
            response.once('drain', write);
            return;
          }
        }
        response.end();
      };
      write();
      return;
    }
    response.writeHead(behaviour.status ?? 204, headers);
    response.end(behaviour.body);
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', () => undefined);
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const url = request.url ?? '/';
      const record: RecordedRequest = {
        method: request.method ?? 'GET',
        path: url.split('?')[0] ?? '/',
        url,
        headers: request.headers,
        rawBody,
        body: rawBody.toString('utf8'),
        arrivedAt: performance.now(),
        schemaViolations:
          options.validateEvents === false
            ? []
            : eventSchemaViolations(request.method ?? 'GET', url, rawBody.toString('utf8')),
        json: () => JSON.parse(rawBody.toString('utf8')),
      };
      if (verifier && options.secret) {
        try {
          // A GET (a JSON API request) is signed over its exact query string, which Standard Webhooks libraries
          // do not know: the receiver package checks it; everything else the reference library does.
          if (record.method === 'GET') {
            verifyWebhook({
              method: 'GET',
              url,
              headers: request.headers as Record<string, string>,
              secret: options.secret,
            });
          } else {
            verifier.verify(record.body, request.headers as Record<string, string>);
          }
          record.verified = true;
        } catch (error) {
          record.verified = false;
          record.verifyError = (error as Error).message;
        }
      }
      requests.push(record);
      if (options.validateEvents !== false) captureEvent(record);
      for (const wake of [...waiters]) wake();
      answer(request, response, record).catch(() => request.socket.destroy());
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    requests,
    url: (path = '/hooks') => `${origin}${path}`,
    script: (behaviours, path = ALL_PATHS) => {
      scripts.set(path, [...(scripts.get(path) ?? []), ...behaviours]);
    },
    respondWith: (decide) => {
      decider = decide;
    },
    setDefault: (behaviour, path = ALL_PATHS) => {
      defaults.set(path, behaviour);
    },
    hold: () => {
      let release = (): void => undefined;
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        gate = undefined;
        release();
      };
    },
    waitFor: (count, waitOptions = {}) => {
      const matching = (): RecordedRequest[] => requests.filter(waitOptions.filter ?? (() => true));
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = matching();
          if (found.length < count) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(found);
          return true;
        };
        const wake = (): void => {
          check();
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`waited for ${count} request(s), got ${matching().length}`));
        }, waitOptions.timeoutMs ?? 10_000);
        if (!check()) waiters.add(wake);
      });
    },
    on: (path) => requests.filter((request) => request.path === path),
    openConnections: () => sockets.size,
    close: async () => {
      gate = undefined;
      for (const response of hanging) response.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const violations = requests.flatMap((request) =>
        request.schemaViolations.map((violation) => `${request.method} ${request.url}: ${violation}`),
      );
      if (violations.length > 0) {
        throw new Error(
          `the receiver got events that break the @bothooks/receiver JSON Schemas:\n  ${violations.join('\n  ')}`,
        );
      }
    },
  };
}
