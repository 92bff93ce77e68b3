import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { multipartBoundary, parseMultipart } from '../fake-telegram/multipart';
import { METHODS } from './methods';
import { createPayloadFactory, FAKE_CHANNELS, FAKE_USER, type PayloadFactory } from './payloads';
import { encodeRequest, signRequest } from './signing';
import { FakeSocketMode } from './socket-mode';
import { SlackApiError, SlackState, type StoredMessage } from './state';
import type { ApiCall, HttpDelivery, ResponsePost, ScriptedFailure, SocketDelivery } from './types';

/** Options of {@link createFakeSlack}. */
export interface FakeSlackOptions {
  /** @default a fresh `xoxb-` token */
  botToken?: string;
  /** The Socket Mode app-level token. @default a fresh `xapp-` token */
  appToken?: string;
  /** @default a fresh 32-character hex secret */
  signingSecret?: string;
  /** Put the workspace in an Enterprise Grid organisation with this id. @default undefined */
  enterpriseId?: string;
}

/** A fake Slack on 127.0.0.1: the Web API, `response_url`s, signed requests to the app, and Socket Mode. */
export interface FakeSlack {
  /** Give it to Bolt as `clientOptions: { slackApiUrl }` (and to the Socket Mode receiver's client options). */
  readonly apiUrl: string;
  readonly origin: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly signingSecret: string;
  readonly team: { id: string; domain: string; name: string; enterpriseId: string | undefined };
  /** The app's bot user (`U…`), bot (`B…`) and app (`A…`) ids. */
  readonly bot: { userId: string; botId: string; appId: string; name: string };
  /** Builds the Events API bodies, slash commands and interaction payloads Slack sends. */
  readonly payloads: PayloadFactory;
  /** Every Web API call, in the order answered (each attempt of a retried call is one entry). */
  readonly calls: ApiCall[];
  /** Every POST to a `response_url`. */
  readonly responses: ResponsePost[];
  callsTo(method: string): ApiCall[];
  waitForCalls(method: string, count?: number, options?: { timeoutMs?: number }): Promise<ApiCall[]>;
  waitForResponses(count: number, options?: { timeoutMs?: number }): Promise<ResponsePost[]>;
  /** Makes the next `times` calls of `method` (matching `when`) fail. */
  fail(
    method: string,
    failure: ScriptedFailure,
    options?: { times?: number; when?: (params: Record<string, unknown>) => boolean },
  ): void;
  /** Makes the next `times` POSTs to a `response_url` answer `status` (`404 expired_url`, ...). */
  failResponses(status: number, options?: { times?: number }): void;
  /** A message the fake holds (posted by the bot, or written by a person through `payloads`). */
  message(channel: string, ts: string): StoredMessage | undefined;
  /**
   * POSTs `body` to the app's HTTP endpoint, encoded and signed as Slack does it (`x-slack-signature`,
   * `x-slack-request-timestamp`; `x-slack-retry-num` for a retry), and resolves with the app's answer.
   */
  deliver(
    url: string,
    body: Record<string, unknown>,
    options?: { retryNum?: number; retryReason?: string; signature?: 'valid' | 'invalid' },
  ): Promise<HttpDelivery>;
  /** The Socket Mode side: envelopes to the connected app, and their acknowledgements. */
  readonly socketMode: {
    readonly connections: number;
    waitForConnection(timeoutMs?: number): Promise<void>;
    send(
      body: Record<string, unknown>,
      options?: { retryAttempt?: number; retryReason?: string; timeoutMs?: number },
    ): Promise<SocketDelivery>;
  };
  close(): Promise<void>;
}

const API_PATH = /^\/api\/([A-Za-z.]+)$/;
// Nested arguments @slack/web-api sends JSON-encoded inside its form bodies.
const JSON_FIELDS = new Set(['blocks', 'attachments', 'files', 'metadata', 'chunks']);

function decode(name: string, value: string): unknown {
  if (!JSON_FIELDS.has(name)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseParams(
  body: Buffer,
  contentType: string | undefined,
): { params: Record<string, unknown>; encoding: ApiCall['encoding'] } {
  if (body.length === 0) return { params: {}, encoding: 'none' };
  if (contentType?.startsWith('application/json')) {
    const json: unknown = JSON.parse(body.toString('utf8'));
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new SlackApiError('invalid_json');
    return { params: json as Record<string, unknown>, encoding: 'json' };
  }
  const params: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params[name] = decode(name, value);
  return { params, encoding: 'form' };
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * Starts a fake Slack on 127.0.0.1, port 0: the Web API methods a Bolt app uses (`auth.test`, `chat.*`,
 * `conversations.info`, `users.info`, file uploads, `apps.connections.open`) with Slack's result shapes, a sink
 * for `response_url`s, signed Events API / slash command / interactivity requests to the app, and a Socket Mode
 * WebSocket. Records every call and can be scripted to refuse or rate-limit one.
 *
 * @example
 * ```ts
 * const slack = await createFakeSlack();
 * const app = new App({ token: slack.botToken, signingSecret: slack.signingSecret, clientOptions: { slackApiUrl: slack.apiUrl } });
 * ```
 */
export async function createFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? `xoxb-1000000001-2000000002-${hex(12)}`;
  const appToken = options.appToken ?? `xapp-1-A0FAKEAPP-3000000003-${hex(32)}`;
  const signingSecret = options.signingSecret ?? hex(16);
  const state = new SlackState(
    { id: 'T0FAKETEAM', domain: 'bothooks-fake', name: 'Bothooks Fake', enterpriseId: options.enterpriseId },
    { userId: 'U0FAKEBOT', botId: 'B0FAKEBOT', appId: 'A0FAKEAPP', name: 'shopbot' },
  );
  for (const channel of Object.values(FAKE_CHANNELS)) state.channels.set(channel.id, { ...channel });
  state.users.set(FAKE_USER.id, FAKE_USER);
  const calls: ApiCall[] = [];
  const responses: ResponsePost[] = [];
  const failures: {
    method: string;
    failure: ScriptedFailure;
    times: number;
    when?: (params: Record<string, unknown>) => boolean;
  }[] = [];
  const responseFailures: { status: number; times: number }[] = [];
  const responseTargets = new Map<string, { channel: string; messageTs?: string }>();
  const uploads = new Map<string, { size: number }>();
  const listeners = new Set<() => void>();
  const sockets = new Set<Socket>();
  let origin = '';
  let sequence = 0;
  const nextId = (prefix: string): string => {
    sequence += 1;
    return `${prefix}${String(sequence).padStart(8, '0')}${hex(2).toUpperCase()}`;
  };
  const socketMode = new FakeSocketMode(() => origin, state.bot.appId);

  const changed = (): void => {
    for (const listener of [...listeners]) listener();
  };
  const waitUntil = <TValue>(check: () => TValue | undefined, timeoutMs: number, what: string) =>
    new Promise<TValue>((resolve, reject) => {
      const attempt = (): boolean => {
        const value = check();
        if (value === undefined) return false;
        clearTimeout(timer);
        listeners.delete(attempt);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        listeners.delete(attempt);
        reject(new Error(`fake Slack: timed out waiting for ${what}`));
      }, timeoutMs);
      if (!attempt()) listeners.add(attempt);
    });

  const responseUrl = (target: { channel: string; messageTs?: string }): string => {
    const id = hex(12);
    responseTargets.set(id, target);
    return `${origin}/response/${id}`;
  };
  const payloads = createPayloadFactory(state, responseUrl, nextId);

  const scripted = (method: string, params: Record<string, unknown>): ScriptedFailure | undefined => {
    const index = failures.findIndex((entry) => entry.method === method && (entry.when?.(params) ?? true));
    const entry = failures[index];
    if (!entry) return undefined;
    entry.times -= 1;
    if (entry.times <= 0) failures.splice(index, 1);
    return entry.failure;
  };

  const authOf = (request: IncomingMessage, params: Record<string, unknown>): ApiCall['auth'] => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : params.token;
    if (token === undefined || token === '') return 'none';
    if (token === botToken) return 'bot';
    if (token === appToken) return 'app';
    return 'invalid';
  };

  const completeUpload = (params: Record<string, unknown>): Record<string, unknown> => {
    const files = Array.isArray(params.files) ? (params.files as { id?: unknown; title?: unknown }[]) : [];
    if (files.length === 0) throw new SlackApiError('invalid_arguments');
    const channelId = typeof params.channel_id === 'string' ? params.channel_id : undefined;
    const channel = channelId !== undefined ? state.resolveChannel(channelId) : undefined;
    const ts = channel ? state.nextTs() : undefined;
    const described = files.map((file) => {
      const id = String(file.id);
      const upload = uploads.get(id);
      if (!upload) throw new SlackApiError('file_not_found');
      const name = typeof file.title === 'string' ? file.title : id;
      return {
        id,
        created: Math.floor(Date.now() / 1000),
        name,
        title: name,
        mimetype: 'text/plain',
        filetype: 'text',
        user: state.bot.userId,
        size: upload.size,
        url_private: `https://files.slack.com/files-pri/${state.team.id}-${id}/${encodeURIComponent(name)}`,
        permalink: `https://${state.team.domain}.slack.com/files/${state.bot.userId}/${id}/${encodeURIComponent(name)}`,
        shares:
          channel && ts
            ? {
                [channel.type === 'channel' ? 'public' : 'private']: {
                  [channel.id]: [{ ts, channel_name: channel.name ?? '' }],
                },
              }
            : {},
      };
    });
    if (channel && ts) {
      state.save({
        channel: channel.id,
        ts,
        type: 'message',
        subtype: 'file_share',
        user: state.bot.userId,
        text: typeof params.initial_comment === 'string' ? params.initial_comment : '',
        files: described,
      });
    }
    return { files: described };
  };

  const answerApi = async (
    request: IncomingMessage,
    response: ServerResponse,
    method: string,
    body: Buffer,
  ): Promise<void> => {
    const send = (call: ApiCall, headers: Record<string, string> = {}): void => {
      calls.push(call);
      changed();
      response.writeHead(call.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(call.response));
    };
    let parsed: ReturnType<typeof parseParams>;
    try {
      parsed = parseParams(body, request.headers['content-type']);
    } catch {
      send({
        method,
        params: {},
        encoding: 'none',
        auth: 'none',
        status: 200,
        response: { ok: false, error: 'invalid_form_data' },
      });
      return;
    }
    const { params, encoding } = parsed;
    const auth = authOf(request, params);
    const call = (status: number, answer: Record<string, unknown>): ApiCall => ({
      method,
      params,
      encoding,
      auth,
      status,
      response: answer,
    });
    if (auth === 'none') return send(call(200, { ok: false, error: 'not_authed' }));
    if (auth === 'invalid') return send(call(200, { ok: false, error: 'invalid_auth' }));
    // apps.connections.open takes the app-level token; everything else the bot token.
    if ((method === 'apps.connections.open') !== (auth === 'app'))
      return send(call(200, { ok: false, error: 'not_allowed_token_type' }));
    const failure = scripted(method, params);
    if (failure && 'rateLimited' in failure) {
      return send(call(429, { ok: false, error: 'ratelimited' }), {
        'retry-after': String(failure.rateLimited),
      });
    }
    if (failure) {
      const status = 'httpStatus' in failure ? failure.httpStatus : 200;
      const metadata = failure.messages ? { response_metadata: { messages: failure.messages } } : {};
      return send(call(status, { ok: false, error: failure.error ?? 'request_refused', ...metadata }));
    }
    try {
      const handler =
        method === 'files.completeUploadExternal'
          ? completeUpload
          : METHODS[method]
            ? (input: Record<string, unknown>) =>
                (METHODS[method] as NonNullable<(typeof METHODS)[string]>)({
                  params: input,
                  state,
                  origin,
                  openConnection: () => socketMode.openTicket(),
                })
            : undefined;
      if (!handler) return send(call(200, { ok: false, error: 'unknown_method' }));
      send(call(200, { ok: true, ...handler(params) }));
    } catch (error) {
      if (error instanceof SlackApiError)
        return send(call(error.httpStatus, { ok: false, error: error.error }));
      send(call(500, { ok: false, error: 'internal_error', detail: String(error) }));
    }
  };

  const answerResponseUrl = (response: ServerResponse, id: string, body: Buffer): void => {
    const target = responseTargets.get(id);
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      // Recorded as an empty body: Slack answers such a post with `invalid_payload`.
    }
    const failure = responseFailures[0];
    let status = target ? 200 : 404;
    let ts: string | undefined;
    if (failure) {
      status = failure.status;
      failure.times -= 1;
      if (failure.times <= 0) responseFailures.shift();
    } else if (target) {
      if (parsed.delete_original === true && target.messageTs) {
        state.remove(target.channel, target.messageTs);
        ts = target.messageTs;
      } else if (parsed.replace_original === true && target.messageTs) {
        const existing = state.find(target.channel, target.messageTs);
        if (existing) state.save({ ...existing, text: parsed.text ?? '', blocks: parsed.blocks });
        ts = target.messageTs;
      } else if (parsed.response_type === 'in_channel') {
        ts = state.nextTs();
        state.save({ channel: target.channel, ts, type: 'message', user: state.bot.userId, ...parsed });
      }
    }
    responses.push({ id, body: parsed, status, ...(ts !== undefined && { ts }) });
    changed();
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(status === 200 ? { ok: true } : { ok: false, error: 'expired_url' }));
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    readBody(request)
      .then(async (body) => {
        const api = API_PATH.exec(url.pathname);
        if (api && request.method === 'POST') return answerApi(request, response, api[1] ?? '', body);
        const responsePath = /^\/response\/([a-f0-9]+)$/.exec(url.pathname);
        if (responsePath && request.method === 'POST')
          return answerResponseUrl(response, responsePath[1] ?? '', body);
        const upload = /^\/upload\/(F\w+)$/.exec(url.pathname);
        if (upload && request.method === 'POST') {
          // @slack/web-api posts the bytes as a multipart form; anything else is the file itself.
          const boundary = multipartBoundary(request.headers['content-type']);
          const file = boundary
            ? parseMultipart(body, boundary).find((part) => part.filename !== undefined)
            : undefined;
          const size = file ? file.data.length : body.length;
          uploads.set(upload[1] ?? '', { size });
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.end(`OK - ${size}`);
          return;
        }
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('Not Found');
      })
      .catch((error: unknown) => {
        if (response.headersSent) return;
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      });
  });
  server.on('upgrade', (request, socket, head) => socketMode.upgrade(request, socket, head));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${origin}/api/`,
    origin,
    botToken,
    appToken,
    signingSecret,
    team: state.team,
    bot: state.bot,
    payloads,
    calls,
    responses,
    callsTo: (method) => calls.filter((call) => call.method === method),
    waitForCalls: (method, count = 1, waitOptions = {}) =>
      waitUntil(
        () => {
          const matching = calls.filter((call) => call.method === method);
          return matching.length >= count ? matching : undefined;
        },
        waitOptions.timeoutMs ?? 10_000,
        `${count} ${method} call(s)`,
      ),
    waitForResponses: (count, waitOptions = {}) =>
      waitUntil(
        () => (responses.length >= count ? responses : undefined),
        waitOptions.timeoutMs ?? 10_000,
        `${count} response_url post(s)`,
      ),
    fail: (method, failure, failOptions = {}) => {
      failures.push({
        method,
        failure,
        times: failOptions.times ?? 1,
        ...(failOptions.when && { when: failOptions.when }),
      });
    },
    failResponses: (status, failOptions = {}) => {
      responseFailures.push({ status, times: failOptions.times ?? 1 });
    },
    message: (channel, ts) => state.find(channel, ts),
    deliver: async (url, body, deliverOptions = {}) => {
      const target = new URL(url);
      if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname))
        throw new Error('fake Slack: delivers to loopback addresses only');
      const { raw, contentType } = encodeRequest(body);
      const timestamp = Math.floor(Date.now() / 1000);
      const signature =
        deliverOptions.signature === 'invalid'
          ? `v0=${'0'.repeat(64)}`
          : signRequest(signingSecret, timestamp, raw);
      const answer = await fetch(target, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature,
          'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
          ...(deliverOptions.retryNum !== undefined && {
            'x-slack-retry-num': String(deliverOptions.retryNum),
            'x-slack-retry-reason': deliverOptions.retryReason ?? 'http_timeout',
          }),
        },
        body: raw,
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      });
      return {
        status: answer.status,
        body: await answer.text(),
        headers: Object.fromEntries(answer.headers.entries()),
      };
    },
    socketMode: {
      get connections() {
        return socketMode.connections;
      },
      waitForConnection: (timeoutMs) => socketMode.waitForConnection(timeoutMs),
      send: (body, sendOptions) => socketMode.send(body, sendOptions),
    },
    close: async () => {
      await socketMode.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
