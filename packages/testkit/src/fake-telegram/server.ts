import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Update, UserFromGetMe } from 'telegraf/types';
import { METHODS } from './methods';
import { multipartBoundary, parseMultipart } from './multipart';
import { BotApiError, type StoredMessage, TelegramState } from './state';
import type {
  ApiCall,
  ApiFailure,
  ApiResponse,
  ScriptedFailure,
  UploadedFile,
  WebhookDelivery,
} from './types';
import { createUpdateFactory, FAKE_CHATS, type UpdateFactory } from './updates';

/** Options of {@link createFakeTelegram}. */
export interface FakeTelegramOptions {
  /**
   * The bot token the fake accepts; any other token gets `401 Unauthorized`. The bot's id is the part before `:`.
   * @default '7000000001:AAH-fake-bothooks-token-0123456789abc'
   */
  token?: string;
  /** The bot's first name, as `getMe` answers. @default 'Bothooks Test Bot' */
  botName?: string;
  /** The bot's username, as `getMe` answers. @default 'bothooks_test_bot' */
  botUsername?: string;
}

/** A fake Telegram Bot API server on 127.0.0.1. */
export interface FakeTelegram {
  /** Give it to Telegraf as `telegram: { apiRoot }`. */
  readonly apiRoot: string;
  readonly token: string;
  /** What `getMe` answers; set it as `bot.botInfo` to skip the `getMe` call. */
  readonly botInfo: UserFromGetMe;
  /** Every call received, in the order they were answered (webhook replies included). */
  readonly calls: ApiCall[];
  /** The updates POSTed to the bot's webhook and what the bot answered. */
  readonly webhookDeliveries: WebhookDelivery[];
  /** Builds realistic updates; deliver them with {@link FakeTelegram.pushUpdate} or `bot.handleUpdate`. */
  readonly updates: UpdateFactory;
  /** The calls of one method. */
  callsTo(method: string): ApiCall[];
  /** Resolves with the calls of `method` once there are at least `count` of them. */
  waitForCalls(method: string, count?: number, options?: { timeoutMs?: number }): Promise<ApiCall[]>;
  /** Resolves once at least `count` webhook deliveries are complete. */
  waitForDeliveries(count: number, options?: { timeoutMs?: number }): Promise<WebhookDelivery[]>;
  /**
   * Makes an update available: answered to the next `getUpdates`, or POSTed to the webhook when one is set
   * (one delivery at a time, like Telegram).
   */
  pushUpdate<TUpdate extends Update>(update: TUpdate): TUpdate;
  /**
   * Makes the next `times` calls of `method` (matching `when`) fail, e.g. `{ error_code: 403, description:
   * 'Forbidden: bot was blocked by the user' }`, `{ httpStatus: 502 }` or `{ reset: true }`.
   */
  fail(
    method: string,
    failure: ScriptedFailure,
    options?: { times?: number; when?: (params: Record<string, unknown>) => boolean },
  ): void;
  /** A message the fake holds (sent by the bot or made by `updates`), as the Bot API would return it. */
  message(chatId: number, messageId: number): StoredMessage | undefined;
  close(): Promise<void>;
}

const DEFAULT_TOKEN = '7000000001:AAH-fake-bothooks-token-0123456789abc';
const API_PATH = /^\/(?:bot|user)([^/]+)\/(test\/)?([A-Za-z]+)\/?$/;
const JSON_FIELDS = new Set([
  'media',
  'reply_markup',
  'reply_parameters',
  'entities',
  'caption_entities',
  'link_preview_options',
  'allowed_updates',
  'message_ids',
  'options',
  'reaction',
  'commands',
]);

function decodeField(name: string, value: string): unknown {
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

interface ParsedRequest {
  params: Record<string, unknown>;
  files: UploadedFile[];
  encoding: ApiCall['encoding'];
}

function parseRequest(body: Buffer, contentType: string | undefined, query: URLSearchParams): ParsedRequest {
  const params: Record<string, unknown> = {};
  for (const [name, value] of query) params[name] = decodeField(name, value);
  const boundary = multipartBoundary(contentType);
  if (boundary) {
    const files: UploadedFile[] = [];
    for (const part of parseMultipart(body, boundary)) {
      if (part.filename === undefined) {
        params[part.name] = decodeField(part.name, part.data.toString('utf8'));
        continue;
      }
      files.push({
        field: part.name,
        filename: part.filename,
        ...(part.contentType !== undefined && { contentType: part.contentType }),
        size: part.data.length,
        sha256: createHash('sha256').update(part.data).digest('hex'),
        data: Buffer.from(part.data),
      });
    }
    return { params, files, encoding: 'multipart' };
  }
  if (body.length === 0) return { params, files: [], encoding: 'none' };
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(body.toString('utf8')))
      params[name] = decodeField(name, value);
    return { params, files: [], encoding: 'form' };
  }
  const json: unknown = JSON.parse(body.toString('utf8'));
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new BotApiError(400, 'Bad Request: invalid JSON body');
  return { params: { ...params, ...(json as Record<string, unknown>) }, files: [], encoding: 'json' };
}

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function updateType(update: Update): string | undefined {
  return Object.keys(update).find((key) => key !== 'update_id');
}

/**
 * Starts a fake Telegram Bot API server on 127.0.0.1, port 0. It answers the methods a bot uses with realistic
 * results (messages numbered per chat, file ids, edits and deletes checked against what was sent), parses
 * multipart uploads, serves `getUpdates` long polling or POSTs updates to a webhook, records every call, and
 * can be scripted to fail.
 *
 * @example
 * ```ts
 * const telegram = await createFakeTelegram();
 * const bot = new Telegraf(telegram.token, { telegram: { apiRoot: telegram.apiRoot } });
 * await bot.handleUpdate(telegram.updates.text('hello'));
 * telegram.callsTo('sendMessage');
 * ```
 */
export async function createFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = options.token ?? DEFAULT_TOKEN;
  const botId = Number(token.split(':')[0]);
  if (!Number.isSafeInteger(botId) || botId <= 0)
    throw new TypeError('the token must start with the bot id, like 123:ABC');
  const state = new TelegramState(botId, {
    firstName: options.botName ?? 'Bothooks Test Bot',
    username: options.botUsername ?? 'bothooks_test_bot',
  });
  for (const chat of Object.values(FAKE_CHATS)) state.remember(chat);
  const calls: ApiCall[] = [];
  const webhookDeliveries: WebhookDelivery[] = [];
  const pending: Update[] = [];
  const failures: {
    method: string;
    failure: ScriptedFailure;
    times: number;
    when?: (params: Record<string, unknown>) => boolean;
  }[] = [];
  const listeners = new Set<() => void>();
  const sockets = new Set<Socket>();
  let lastUpdateId = 700_000_000;
  let webhook: { url: URL; secretToken: string | undefined } | undefined;
  let deliveryChain = Promise.resolve();
  let closed = false;

  const changed = (): void => {
    for (const listener of [...listeners]) listener();
  };

  const waitUntil = <TValue>(
    check: () => TValue | undefined,
    timeoutMs: number,
    what: string,
  ): Promise<TValue> =>
    new Promise((resolve, reject) => {
      const attempt = (): boolean => {
        const value = check();
        if (value === undefined) return false;
        clearTimeout(timer);
        listeners.delete(listener);
        resolve(value);
        return true;
      };
      const listener = (): void => {
        attempt();
      };
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`fake Telegram: timed out waiting for ${what}`));
      }, timeoutMs);
      if (!attempt()) listeners.add(listener);
    });

  const record = (call: ApiCall): ApiCall => {
    calls.push(call);
    changed();
    return call;
  };

  const scriptedFailure = (method: string, params: Record<string, unknown>): ScriptedFailure | undefined => {
    const index = failures.findIndex((entry) => entry.method === method && (entry.when?.(params) ?? true));
    const entry = failures[index];
    if (!entry) return undefined;
    entry.times -= 1;
    if (entry.times <= 0) failures.splice(index, 1);
    return entry.failure;
  };

  const remember = (update: Update): void => {
    for (const key of ['message', 'edited_message', 'channel_post', 'edited_channel_post'] as const) {
      const message = (update as Partial<Record<typeof key, StoredMessage>>)[key];
      if (message) {
        state.remember(message.chat);
        state.save({ ...message });
      }
    }
  };

  /** Waits for updates after `offset`, as long polling does; resolves with [] after `timeout` seconds. */
  const getUpdates = async (params: Record<string, unknown>, signal: AbortSignal): Promise<Update[]> => {
    if (webhook) {
      throw new BotApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100)));
    const timeoutSeconds = Math.max(0, Number(params.timeout ?? 0));
    const allowed =
      Array.isArray(params.allowed_updates) && params.allowed_updates.length > 0
        ? new Set(params.allowed_updates.map(String))
        : undefined;
    // Calling getUpdates with an offset confirms every update before it.
    if (offset > 0) {
      while (pending.length > 0 && (pending[0]?.update_id ?? 0) < offset) pending.shift();
    }
    const available = (): Update[] =>
      pending
        .filter((update) => update.update_id >= offset && (!allowed || allowed.has(updateType(update) ?? '')))
        .slice(0, limit);
    const now = available();
    if (now.length > 0 || timeoutSeconds === 0) return now;
    return new Promise((resolve) => {
      const finish = (updates: Update[]): void => {
        clearTimeout(timer);
        listeners.delete(listener);
        signal.removeEventListener('abort', abort);
        resolve(updates);
      };
      const listener = (): void => {
        const updates = available();
        if (updates.length > 0 || closed) finish(updates);
      };
      const abort = (): void => finish([]);
      const timer = setTimeout(() => finish([]), timeoutSeconds * 1000);
      listeners.add(listener);
      signal.addEventListener('abort', abort);
    });
  };

  const setWebhook = (params: Record<string, unknown>): boolean => {
    const raw = params.url;
    if (raw === undefined || raw === '') {
      webhook = undefined;
      return true;
    }
    let url: URL;
    try {
      url = new URL(String(raw));
    } catch {
      throw new BotApiError(
        400,
        'Bad Request: bad webhook: Failed to resolve host: Name or service not known',
      );
    }
    // The fake never sends traffic off the machine.
    if (!isLoopback(url))
      throw new BotApiError(
        400,
        'Bad Request: bad webhook: the fake only delivers to 127.0.0.1 or localhost',
      );
    webhook = { url, secretToken: typeof params.secret_token === 'string' ? params.secret_token : undefined };
    if (params.drop_pending_updates === true || params.drop_pending_updates === 'true') pending.length = 0;
    for (const update of pending.splice(0)) deliver(update);
    return true;
  };

  /** Runs one method and returns its answer; scripted failures have been applied before. */
  const execute = async (
    method: string,
    parsed: ParsedRequest,
    signal: AbortSignal,
  ): Promise<ApiResponse> => {
    try {
      let result: unknown;
      if (method === 'getUpdates') result = await getUpdates(parsed.params, signal);
      else if (method === 'setWebhook') result = setWebhook(parsed.params);
      else if (method === 'deleteWebhook') {
        webhook = undefined;
        if (parsed.params.drop_pending_updates === true || parsed.params.drop_pending_updates === 'true')
          pending.length = 0;
        result = true;
      } else if (method === 'getWebhookInfo') {
        result = {
          url: webhook?.url.href ?? '',
          has_custom_certificate: false,
          pending_update_count: pending.length,
        };
      } else {
        const handler = METHODS[method];
        if (!handler) return { ok: false, error_code: 404, description: 'Not Found' };
        result = handler({ params: parsed.params, files: parsed.files, state });
      }
      return { ok: true, result };
    } catch (error) {
      if (error instanceof BotApiError) return { ok: false, ...error.failure };
      return { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` };
    }
  };

  const answerWebhookReply = async (
    body: string,
    contentType: string | undefined,
  ): Promise<ApiCall | undefined> => {
    if (body === '') return undefined;
    let parsed: ParsedRequest;
    try {
      parsed = parseRequest(Buffer.from(body), contentType, new URLSearchParams());
    } catch {
      return undefined;
    }
    const method = parsed.params.method;
    if (typeof method !== 'string') return undefined;
    const { method: _method, ...params } = parsed.params;
    const response = await execute(method, { ...parsed, params }, new AbortController().signal);
    return record({
      method,
      params,
      files: parsed.files,
      via: 'webhook-reply',
      encoding: parsed.encoding,
      testEnvironment: false,
      response,
    });
  };

  const deliver = (update: Update): void => {
    const target = webhook;
    if (!target) return;
    deliveryChain = deliveryChain.then(async () => {
      const delivery: WebhookDelivery = {
        updateId: update.update_id,
        status: undefined,
        body: '',
        reply: undefined,
      };
      try {
        const answer = await fetch(target.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(target.secretToken !== undefined && {
              'x-telegram-bot-api-secret-token': target.secretToken,
            }),
          },
          body: JSON.stringify(update),
          // Telegram gives up on a webhook that does not answer; so does the fake, so close() never hangs.
          signal: AbortSignal.timeout(10_000),
        });
        delivery.status = answer.status;
        delivery.body = await answer.text();
        if (answer.ok)
          delivery.reply = await answerWebhookReply(
            delivery.body,
            answer.headers.get('content-type') ?? undefined,
          );
      } catch (error) {
        delivery.error = String(error);
      }
      webhookDeliveries.push(delivery);
      changed();
    });
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const aborted = new AbortController();
    response.on('close', () => aborted.abort());
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: ApiResponse): void => {
      if (response.destroyed) return;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const handle = async (): Promise<void> => {
      const body = await readBody(request);
      const match = API_PATH.exec(url.pathname);
      if (!match) {
        send(404, { ok: false, error_code: 404, description: 'Not Found' });
        return;
      }
      const [, requestToken, testPath, method = ''] = match;
      let parsed: ParsedRequest;
      try {
        parsed = parseRequest(body, request.headers['content-type'], url.searchParams);
      } catch (error) {
        const failure: ApiFailure =
          error instanceof BotApiError
            ? error.failure
            : { error_code: 400, description: `Bad Request: ${String(error)}` };
        send(400, { ok: false, ...failure });
        return;
      }
      const call: ApiCall = {
        method,
        params: parsed.params,
        files: parsed.files,
        via: 'http',
        encoding: parsed.encoding,
        testEnvironment: testPath !== undefined,
        response: undefined,
      };
      if (requestToken !== token) {
        call.response = { ok: false, error_code: 401, description: 'Unauthorized' };
        record(call);
        send(401, call.response);
        return;
      }
      const failure = scriptedFailure(method, parsed.params);
      if (failure && 'reset' in failure) {
        record(call);
        request.socket.destroy();
        return;
      }
      if (failure && 'httpStatus' in failure) {
        record(call);
        response.writeHead(failure.httpStatus, { 'content-type': 'text/html' });
        response.end('<html><body>Bad Gateway</body></html>');
        return;
      }
      call.response = failure ? { ok: false, ...failure } : await execute(method, parsed, aborted.signal);
      record(call);
      send(call.response.ok ? 200 : call.response.error_code, call.response);
    };
    handle().catch((error: unknown) => {
      send(500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const nextUpdateId = (): number => {
    lastUpdateId += 1;
    return lastUpdateId;
  };

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botInfo: state.bot,
    calls,
    webhookDeliveries,
    updates: createUpdateFactory(state, nextUpdateId),
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
    waitForDeliveries: (count, waitOptions = {}) =>
      waitUntil(
        () => (webhookDeliveries.length >= count ? webhookDeliveries : undefined),
        waitOptions.timeoutMs ?? 10_000,
        `${count} webhook deliveries`,
      ),
    pushUpdate: (update) => {
      remember(update);
      if (update.update_id > lastUpdateId) lastUpdateId = update.update_id;
      if (webhook) deliver(update);
      else {
        pending.push(update);
        changed();
      }
      return update;
    },
    fail: (method, failure, failOptions = {}) => {
      failures.push({
        method,
        failure,
        times: failOptions.times ?? 1,
        ...(failOptions.when && { when: failOptions.when }),
      });
    },
    message: (chatId, messageId) => state.find(chatId, messageId),
    close: async () => {
      closed = true;
      changed();
      webhook = undefined;
      await deliveryChain;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
