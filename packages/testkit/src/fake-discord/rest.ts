import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Faults } from './faults';
import type { FakeGateway } from './gateway';
import { copy } from './payloads';
import {
  deleteWebhookMessage,
  editWebhookMessage,
  executeWebhook,
  getWebhookMessage,
  interactionCallback,
} from './responses';
import { ApiFailure, type Dispatch, type MessageInput, type UploadedFile, type World } from './world';

/** One REST request the fake received. The bot token is never recorded. */
export interface RestRequest {
  method: string;
  /** The route after `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  query: URLSearchParams;
  /** The JSON body, or a multipart request's `payload_json`. */
  json: unknown;
  /** Uploaded files, described (their bytes are kept by the fake, not here). */
  files: { field: string; filename: string; contentType: string | undefined; size: number }[];
  /** Whether it carried the bot's `Authorization: Bot <token>`. */
  authorized: boolean;
  /** The status answered; 0 until answered. */
  status: number;
}

/** When the gateway echo of a REST change is sent, relative to the HTTP answer. */
export type EchoTiming = 'before-response' | 'after-response';

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  dispatches?: Dispatch[];
}

type Handler = (context: {
  params: string[];
  request: RestRequest;
  input: MessageInput;
}) => Answer | Promise<Answer>;

interface Route {
  method: string;
  pattern: RegExp;
  /** Interaction and webhook-token routes are authorised by their token, not the bot's. */
  auth: boolean;
  handle: Handler;
}

const ID = '(\\d+)';
const TOKEN = '([^/]+)';

function route(method: string, path: string, handle: Handler, auth = true): Route {
  return { method, pattern: new RegExp(`^${path}$`), auth, handle };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses a JSON body, or a multipart body's `payload_json` and files, as Discord does. */
async function parseBody(raw: Buffer, contentType: string | undefined): Promise<MessageInput> {
  if (raw.length === 0) return { json: {}, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    let json: Record<string, unknown> = {};
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') json = JSON.parse(value) as Record<string, unknown>;
        continue;
      }
      files.push({
        field,
        filename: value.name,
        contentType: value.type || undefined,
        bytes: Buffer.from(await value.arrayBuffer()),
      });
    }
    return { json, files };
  }
  return { json: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, files: [] };
}

function bucketOf(method: string, path: string): string {
  const template = path.replace(/\/\d{5,}/g, '/:id');
  return createHash('sha1').update(`${method} ${template}`).digest('hex').slice(0, 16);
}

export interface RestServerOptions {
  world: World;
  gateway: FakeGateway;
  faults: Faults;
  token: string;
  echo: () => EchoTiming;
  onRequest: (request: RestRequest) => void;
}

/** The REST half of the fake: Discord's `/api/v10` routes that bots use to send, edit and delete messages. */
export class FakeRest {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly routes: Route[];
  private address = '';

  constructor(private readonly options: RestServerOptions) {
    this.routes = this.buildRoutes();
  }

  /** `http://127.0.0.1:<port>` */
  get origin(): string {
    return this.address;
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent)
          this.send(response, { status: 500, body: { message: String(error), code: 0 } });
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = (request.method ?? 'GET').toUpperCase();
    if (method === 'GET' && url.pathname.startsWith('/cdn/attachments/')) {
      this.serveUpload(url.pathname, response);
      return;
    }
    const raw = await readBody(request);
    if (!url.pathname.startsWith('/api/v10/')) {
      this.send(response, { status: 404, body: { message: '404: Not Found', code: 0 } });
      return;
    }
    // discord.js escapes `@original` as `%40original`; routes and the request log use the plain form.
    const path = decodeURIComponent(url.pathname.slice('/api/v10'.length));
    let input: MessageInput;
    try {
      input = await parseBody(raw, request.headers['content-type']);
    } catch {
      this.send(response, {
        status: 400,
        body: { message: 'The request body contains invalid JSON.', code: 50109 },
      });
      return;
    }
    const record: RestRequest = {
      method,
      path,
      query: url.searchParams,
      json: input.json,
      files: input.files.map((file) => ({
        field: file.field,
        filename: file.filename,
        contentType: file.contentType,
        size: file.bytes.length,
      })),
      authorized: request.headers.authorization === `Bot ${this.options.token}`,
      status: 0,
    };
    this.options.onRequest(record);
    const bucket = bucketOf(method, path);
    const answer = await this.answer(method, path, record, input, bucket);
    record.status = answer.status;
    const dispatches = answer.dispatches ?? [];
    if (this.options.echo() === 'before-response') {
      for (const dispatch of dispatches) this.options.gateway.dispatch(dispatch);
      this.send(response, answer, bucket);
    } else {
      response.once('finish', () => {
        for (const dispatch of dispatches) this.options.gateway.dispatch(dispatch);
      });
      this.send(response, answer, bucket);
    }
  }

  private async answer(
    method: string,
    path: string,
    request: RestRequest,
    input: MessageInput,
    bucket: string,
  ): Promise<Answer> {
    const fault = this.options.faults.take(method, path, bucket);
    if (fault) return fault;
    for (const candidate of this.routes) {
      if (candidate.method !== method) continue;
      const match = candidate.pattern.exec(path);
      if (!match) continue;
      if (candidate.auth && !request.authorized) {
        return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
      }
      try {
        return await candidate.handle({ params: match.slice(1), request, input });
      } catch (error) {
        if (error instanceof ApiFailure) {
          return { status: error.status, body: { message: error.message, code: error.code } };
        }
        throw error;
      }
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  private send(response: ServerResponse, answer: Answer, bucket?: string): void {
    const headers: Record<string, string> = { ...answer.headers };
    if (bucket && answer.status < 400) {
      // Generous limits: real buckets are smaller, but a test should never wait on one it did not script.
      Object.assign(headers, {
        'x-ratelimit-limit': '50',
        'x-ratelimit-remaining': '49',
        'x-ratelimit-reset': String(Date.now() / 1000 + 1),
        'x-ratelimit-reset-after': '1',
        'x-ratelimit-bucket': bucket,
      });
    }
    if (answer.body === undefined || answer.status === 204) {
      response.writeHead(answer.status === 200 ? 204 : answer.status, headers);
      response.end();
      return;
    }
    headers['content-type'] = 'application/json';
    response.writeHead(answer.status, headers);
    response.end(JSON.stringify(answer.body));
  }

  private serveUpload(pathname: string, response: ServerResponse): void {
    const id = pathname.split('/')[4] ?? '';
    const upload = this.options.world.uploads.get(id);
    if (!upload) {
      this.send(response, { status: 404, body: { message: '404: Not Found', code: 0 } });
      return;
    }
    response.writeHead(200, { 'content-type': upload.contentType ?? 'application/octet-stream' });
    response.end(upload.bytes);
  }

  private buildRoutes(): Route[] {
    const world = this.options.world;
    const json = (status: number, body: unknown, dispatches?: Dispatch[]): Answer => ({
      status,
      body,
      ...(dispatches && { dispatches }),
    });
    return [
      route('GET', '/gateway/bot', () =>
        json(200, {
          url: this.options.gateway.url,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
        }),
      ),
      route('GET', '/gateway', () => json(200, { url: this.options.gateway.url }), false),
      route('GET', '/users/@me', () => json(200, copy(world.bot))),
      route('GET', `/users/${ID}`, ({ params }) => {
        const user = world.users.get(params[0] ?? '');
        if (!user) throw new ApiFailure(404, 10013, 'Unknown User');
        return json(200, copy(user));
      }),
      route('GET', '/oauth2/applications/@me', () =>
        json(200, { id: world.applicationId, name: world.bot.username, flags: 0, bot: copy(world.bot) }),
      ),
      route('PUT', `/applications/${ID}/commands`, ({ params, input }) => {
        if (params[0] !== world.applicationId) throw new ApiFailure(403, 50001, 'Missing Access');
        const commands = Array.isArray(input.json) ? (input.json as Record<string, unknown>[]) : [];
        return json(
          200,
          commands.map((command) => ({
            id: world.nextId(),
            application_id: world.applicationId,
            version: world.nextId(),
            type: 1,
            default_member_permissions: null,
            nsfw: false,
            ...command,
          })),
        );
      }),
      route('POST', '/users/@me/channels', ({ input }) =>
        json(200, copy(world.dmChannel(String(input.json.recipient_id)))),
      ),
      route('GET', `/channels/${ID}`, ({ params }) => json(200, copy(world.channel(params[0] ?? '')))),
      route('GET', `/channels/${ID}/messages`, ({ params, request }) =>
        json(200, world.listMessages(params[0] ?? '', request.query)),
      ),
      route('POST', `/channels/${ID}/messages/bulk-delete`, ({ params, input }) => {
        const outcome = world.bulkDelete(params[0] ?? '', input.json.messages);
        return { status: 204, dispatches: outcome.dispatches };
      }),
      route('POST', `/channels/${ID}/messages`, ({ params, input }) => {
        const outcome = world.createMessage(params[0] ?? '', input, world.bot);
        return json(200, outcome.body, outcome.dispatches);
      }),
      route('GET', `/channels/${ID}/messages/${ID}`, ({ params }) =>
        json(200, copy(world.message(params[0] ?? '', params[1] ?? ''))),
      ),
      route('PATCH', `/channels/${ID}/messages/${ID}`, ({ params, input }) => {
        const outcome = world.editMessage(params[0] ?? '', params[1] ?? '', input, world.bot.id);
        return json(200, outcome.body, outcome.dispatches);
      }),
      route('DELETE', `/channels/${ID}/messages/${ID}`, ({ params }) => {
        const outcome = world.deleteMessage(params[0] ?? '', params[1] ?? '');
        return { status: 204, dispatches: outcome.dispatches };
      }),
      route('POST', `/channels/${ID}/threads`, ({ params, input }) => {
        const outcome = world.createThread(params[0] ?? '', input, world.bot);
        return json(201, outcome.body, outcome.dispatches);
      }),
      route('POST', `/channels/${ID}/typing`, ({ params }) => {
        world.channel(params[0] ?? '');
        return { status: 204 };
      }),
      route('POST', `/channels/${ID}/webhooks`, ({ params, input }) =>
        json(
          200,
          world.webhookPayload(world.createWebhook(params[0] ?? '', String(input.json.name ?? 'webhook'))),
        ),
      ),
      route(
        'GET',
        `/webhooks/${ID}/${TOKEN}`,
        ({ params }) => {
          const webhook = world.webhooks.get(params[0] ?? '');
          if (!webhook || webhook.token !== params[1]) throw new ApiFailure(404, 10015, 'Unknown Webhook');
          const { user: _user, ...payload } = world.webhookPayload(webhook);
          return json(200, payload);
        },
        false,
      ),
      route(
        'POST',
        `/webhooks/${ID}/${TOKEN}`,
        ({ params, input, request }) => {
          const outcome = executeWebhook(world, params[0] ?? '', params[1] ?? '', input, request.query);
          return outcome.body
            ? json(200, outcome.body, outcome.dispatches)
            : { status: 204, dispatches: outcome.dispatches };
        },
        false,
      ),
      route(
        'GET',
        `/webhooks/${ID}/${TOKEN}/messages/${TOKEN}`,
        ({ params, request }) =>
          json(
            200,
            getWebhookMessage(world, params[0] ?? '', params[1] ?? '', params[2] ?? '', request.query),
          ),
        false,
      ),
      route(
        'PATCH',
        `/webhooks/${ID}/${TOKEN}/messages/${TOKEN}`,
        ({ params, input, request }) => {
          const outcome = editWebhookMessage(
            world,
            params[0] ?? '',
            params[1] ?? '',
            params[2] ?? '',
            input,
            request.query,
          );
          return json(200, outcome.body, outcome.dispatches);
        },
        false,
      ),
      route(
        'DELETE',
        `/webhooks/${ID}/${TOKEN}/messages/${TOKEN}`,
        ({ params, request }) => {
          const outcome = deleteWebhookMessage(
            world,
            params[0] ?? '',
            params[1] ?? '',
            params[2] ?? '',
            request.query,
          );
          return { status: 204, dispatches: outcome.dispatches };
        },
        false,
      ),
      route(
        'POST',
        `/interactions/${ID}/${TOKEN}/callback`,
        ({ params, input, request }) => {
          const withResponse = request.query.get('with_response') === 'true';
          const outcome = interactionCallback(world, params[0] ?? '', params[1] ?? '', input, withResponse);
          return outcome.body === undefined
            ? { status: 204, dispatches: outcome.dispatches }
            : json(200, outcome.body, outcome.dispatches);
        },
        false,
      ),
    ];
  }
}
