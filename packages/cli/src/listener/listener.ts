import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError, EXIT } from '../errors';
import { assertSecret } from '../secret';
import { parseHttpUrl } from '../url';
import { forwardedAnswer, localAnswer, type Response } from './answer';
import { type Delivery, displayHeaders, type ForwardAttempt } from './delivery';
import { Forwarder } from './forward';
import { History, type StoredDelivery } from './history';
import { openReplyFile, type ReplyFile } from './reply-file';
import { checkSignature } from './signature-check';
import { summarise } from './summary';

/** Options of {@link startListener}. */
export interface ListenerOptions {
  /** The port to receive on; 0 picks a free one. @default 4800 */
  port?: number;
  /** The address to bind. Anything but loopback exposes the listener to the network. @default '127.0.0.1' */
  host?: string;
  /** Check every signature with this `whsec_` secret and refuse (401) what does not verify. @default undefined: no check */
  secret?: string;
  /** Relay every request, unchanged, to this URL and answer with its answer. @default undefined */
  forwardTo?: string | URL;
  /** A JSON file with the BotReply to answer JSON API requests with (`jsonapi.request` POSTs and GETs). @default undefined */
  reply?: string;
  /** Deadline of one relay to `forwardTo`, in milliseconds. @default 15_000 */
  forwardTimeoutMs?: number;
  /** Larger request bodies are refused with 413. @default 1_048_576 */
  maxBodyBytes?: number;
  /** How many deliveries are kept for the inspector (at most 64 MiB of bodies). @default 500 */
  historySize?: number;
}

interface ListenerEvents {
  /** A request was answered (and relayed, when forwarding). */
  delivery: [Delivery];
  /** A kept delivery changed: it was resent. */
  update: [Delivery];
}

/** A running local receiver. */
export interface Listener {
  /** `http://127.0.0.1:<port>`: send webhooks to any path under it. */
  readonly url: string;
  readonly forwardTo: URL | undefined;
  /** True when signatures are checked (a `secret` was given). */
  readonly checksSignatures: boolean;
  /** The `reply` file's path, when there is one. */
  readonly replyFile: string | undefined;
  /** The deliveries kept, oldest first. */
  deliveries(): Delivery[];
  /** Sends a kept delivery to the forward target again, exactly as it arrived. */
  resend(id: number): Promise<ForwardAttempt>;
  on<TName extends keyof ListenerEvents>(
    name: TName,
    listener: (...args: ListenerEvents[TName]) => void,
  ): this;
  off<TName extends keyof ListenerEvents>(
    name: TName,
    listener: (...args: ListenerEvents[TName]) => void,
  ): this;
  close(): Promise<void>;
}

function queryOf(url: string): string | undefined {
  const mark = url.indexOf('?');
  return mark === -1 ? undefined : url.slice(mark + 1);
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<{ body: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (size >= maxBytes) return;
      chunks.push(chunk.subarray(0, maxBytes - size));
      size += chunk.length;
    });
    request.on('end', () => resolve({ body: Buffer.concat(chunks), truncated: size > maxBytes }));
    request.on('error', reject);
  });
}

function respond(response: ServerResponse, answer: Response): void {
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
}

class LocalListener extends EventEmitter<ListenerEvents> implements Listener {
  url = '';
  readonly forwardTo: URL | undefined;
  readonly checksSignatures: boolean;
  readonly replyFile: string | undefined;
  readonly #server = createServer((request, response) => {
    this.#handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: String(error) }));
    });
  });
  readonly #history: History;
  readonly #forwarder: Forwarder | undefined;
  readonly #reply: ReplyFile | undefined;
  #nextId = 1;

  constructor(private readonly options: ListenerOptions) {
    super();
    if (options.secret !== undefined) assertSecret(options.secret);
    this.#history = new History(options.historySize ?? 500, 64 * 1024 * 1024);
    this.#reply = options.reply === undefined ? undefined : openReplyFile(options.reply);
    this.checksSignatures = options.secret !== undefined;
    this.replyFile = options.reply;
    this.forwardTo =
      options.forwardTo === undefined ? undefined : parseHttpUrl(String(options.forwardTo), 'forwardTo');
    this.#forwarder =
      this.forwardTo === undefined
        ? undefined
        : new Forwarder(this.forwardTo, options.forwardTimeoutMs ?? 15_000);
  }

  async listen(): Promise<void> {
    const host = this.options.host ?? '127.0.0.1';
    const port = this.options.port ?? 4800;
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        resolve();
      });
    }).catch((error: NodeJS.ErrnoException) => {
      this.#forwarder?.close();
      throw listenError(error, host, port);
    });
    const address = this.#server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.url = `http://${shownHost}:${address.port}`;
  }

  deliveries(): Delivery[] {
    return this.#history.deliveries();
  }

  async resend(id: number): Promise<ForwardAttempt> {
    const stored = this.#history.get(id);
    if (stored === undefined)
      throw new CliError('UNKNOWN_DELIVERY', `no delivery ${id} is kept`, { exitCode: EXIT.USAGE });
    if (this.#forwarder === undefined) {
      throw new CliError('NO_FORWARD_TARGET', 'there is no forward target: start with --forward-to URL', {
        exitCode: EXIT.USAGE,
      });
    }
    const { attempt } = await this.#forwarder.send({
      method: stored.delivery.method,
      query: queryOf(stored.delivery.url),
      rawHeaders: stored.rawHeaders,
      body: stored.rawBody,
      resend: true,
    });
    stored.delivery.forwards.push(attempt);
    this.emit('update', stored.delivery);
    return attempt;
  }

  async close(): Promise<void> {
    this.#forwarder?.close();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const receivedAt = new Date().toISOString();
    const { body, truncated } = await readBody(request, this.options.maxBodyBytes ?? 1024 * 1024);
    // A browser pointed at the listener asks for an icon; that is not a delivery.
    if (method === 'GET' && url === '/favicon.ico' && request.headers['webhook-id'] === undefined) {
      response.writeHead(404).end();
      return;
    }
    const query = queryOf(url);
    const summary = summarise(method, query ?? '', body);
    const signature = checkSignature({
      method,
      query: query ?? '',
      headers: request.headers,
      body,
      secret: this.options.secret,
    });
    const jsonApi = method === 'GET' || summary.type === 'jsonapi.request';
    const forwards: ForwardAttempt[] = [];

    let answer: Response;
    if (truncated) {
      const detail = `the body is larger than ${this.options.maxBodyBytes ?? 1024 * 1024} bytes`;
      answer = { status: 413, headers: [], body: '', answer: { status: 413, kind: 'refused', detail } };
    } else if (this.#forwarder !== undefined) {
      const { attempt, result } = await this.#forwarder.send({
        method,
        query,
        rawHeaders: request.rawHeaders,
        body,
        resend: false,
      });
      forwards.push(attempt);
      answer = forwardedAnswer({ jsonApi, reply: this.#reply, attempt, result });
    } else {
      answer = localAnswer({
        summary,
        signature,
        secret: this.options.secret !== undefined,
        jsonApi,
        reply: this.#reply,
      });
    }
    respond(response, answer);

    const { event, challenge: _challenge, ...fields } = summary;
    const webhookId = request.headers['webhook-id'];
    const delivery: Delivery = {
      id: this.#nextId++,
      receivedAt,
      method,
      url,
      ...(typeof webhookId === 'string' && { webhookId }),
      ...fields,
      ...(event !== undefined && { event }),
      headers: displayHeaders(request.rawHeaders),
      body: body.toString('utf8'),
      bodyTruncated: truncated,
      signature,
      answer: answer.answer,
      forwards,
    };
    const stored: StoredDelivery = { delivery, rawHeaders: request.rawHeaders, rawBody: body };
    this.#history.add(stored);
    this.emit('delivery', delivery);
  }
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): CliError {
  if (error.code === 'EADDRINUSE') {
    return new CliError('PORT_IN_USE', `port ${port} on ${host} is already in use`, {
      exitCode: EXIT.UNREACHABLE,
      hint: 'stop the other program, or pass --port 0 for any free port',
      cause: error,
    });
  }
  if (error.code === 'EACCES') {
    return new CliError('PORT_DENIED', `not allowed to listen on port ${port}`, {
      exitCode: EXIT.UNREACHABLE,
      hint: 'ports below 1024 need privileges: pick a higher --port',
      cause: error,
    });
  }
  return new CliError('LISTEN_FAILED', `cannot listen on ${host}:${port}: ${error.message}`, {
    exitCode: EXIT.UNREACHABLE,
    cause: error,
  });
}

/**
 * Starts a local webhook receiver: every request to any path is checked, answered, kept and reported as a
 * `delivery` event.
 *
 * @example
 * ```ts
 * const listener = await startListener({ port: 0, secret: process.env.WEBHOOK_SECRET });
 * listener.on('delivery', (delivery) => console.log(delivery.type, delivery.signature.verdict));
 * ```
 * @throws {CliError} when the secret, the forward URL or the reply file is unusable (`USAGE`) or the port cannot be opened (`PORT_IN_USE`, ...).
 */
export async function startListener(options: ListenerOptions = {}): Promise<Listener> {
  const listener = new LocalListener(options);
  await listener.listen();
  return listener;
}
