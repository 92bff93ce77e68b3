import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { multipartBoundary, parseMultipart } from '../fake-telegram/multipart';
import { createPayloadFactory, type PayloadFactory } from './payloads';
import { ResponseUrls } from './response-urls';
import { encodeRequest, signRequest } from './signing';
import { FakeSocketMode } from './socket-mode';
import { FAKE_CHANNELS, FAKE_USER, SlackState, type StoredMessage } from './state';
import type { ApiCall, HttpDelivery, ResponsePost, ScriptedFailure, SocketDelivery } from './types';
import { WebApi } from './web-api';

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

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
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

  const responseUrls = new ResponseUrls(state, () => origin);
  const webApi = new WebApi({
    state,
    botToken,
    appToken,
    origin: () => origin,
    openConnection: () => socketMode.openTicket(),
    record: (call) => {
      calls.push(call);
      changed();
    },
  });
  const payloads = createPayloadFactory(state, (target) => responseUrls.url(target), nextId);

  const answerResponseUrl = (response: ServerResponse, id: string, body: Buffer): void => {
    const answer = responseUrls.answer(id, body);
    changed();
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    readBody(request)
      .then(async (body) => {
        const api = API_PATH.exec(url.pathname);
        if (api && request.method === 'POST') return webApi.answer(request, response, api[1] ?? '', body);
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
          state.uploads.set(upload[1] ?? '', { size });
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
    responses: responseUrls.posts,
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
        () => (responseUrls.posts.length >= count ? responseUrls.posts : undefined),
        waitOptions.timeoutMs ?? 10_000,
        `${count} response_url post(s)`,
      ),
    fail: (method, failure, failOptions) => webApi.fail(method, failure, failOptions),
    failResponses: (status, failOptions = {}) => responseUrls.fail(status, failOptions.times ?? 1),
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
