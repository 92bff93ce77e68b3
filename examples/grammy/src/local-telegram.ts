import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Telegram Bot API on 127.0.0.1 with just what this example's bot calls, so you can try it without a bot
 * token: `getMe`, long polling (`getUpdates`), `sendMessage`, `sendMediaGroup`, `editMessageText`,
 * `deleteMessage` and `answerCallbackQuery` (any other method answers `true`). One user, Ada, in one private chat.
 * It is a stand-in for trying the bot, nothing more: point `TELEGRAM_API_ROOT` at a real Bot API server for
 * anything else.
 */
export interface LocalTelegram {
  /** A token of the right shape, accepted by this server alone. */
  readonly token: string;
  /** What to give grammY as `client.apiRoot` (`TELEGRAM_API_ROOT`). */
  readonly apiRoot: string;
  /** Ada sends `text` (a `/command` gets its `bot_command` entity). */
  userSends(text: string): void;
  /** Ada presses the button with `data` on the bot's last message that had buttons. */
  userPresses(data: string): void;
  /** Calls `listener` with every Bot API call the bot makes, after it is answered. */
  onCall(listener: (method: string, params: Record<string, unknown>) => void): void;
  close(): Promise<void>;
}

const TOKEN = '7000000001:AAH-local-example-token-0123456789abcd';
const BOT = { id: 7000000001, is_bot: true, first_name: 'Shop Bot', username: 'local_shop_bot' };
const ADA = { id: 42, is_bot: false, first_name: 'Ada', language_code: 'en' };
const CHAT = { id: 42, type: 'private', first_name: 'Ada' };

type Update = Record<string, unknown> & { update_id: number };

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        resolve(chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve({});
      }
    });
  });
}

/** Starts the local Bot API on a free port. */
export async function startLocalTelegram(): Promise<LocalTelegram> {
  const updates: Update[] = [];
  const waiting = new Set<() => void>();
  const listeners: ((method: string, params: Record<string, unknown>) => void)[] = [];
  let nextUpdate = 1;
  let nextMessage = 1;
  let lastButtons: number | undefined;

  const push = (update: Record<string, unknown>): void => {
    updates.push({ update_id: nextUpdate++, ...update });
    for (const wake of [...waiting]) wake();
  };
  const now = (): number => Math.floor(Date.now() / 1000);
  const botMessage = (fields: Record<string, unknown>) => ({
    message_id: nextMessage++,
    from: BOT,
    chat: CHAT,
    date: now(),
    ...fields,
  });

  const getUpdates = async (params: Record<string, unknown>): Promise<Update[]> => {
    const offset = Number(params.offset ?? 0);
    while (updates.length > 0 && (updates[0]?.update_id ?? 0) < offset) updates.shift();
    if (updates.length === 0) {
      // Long polling: answer as soon as there is an update, or empty after the timeout.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(wake, Math.min(Number(params.timeout ?? 0), 30) * 1000);
        function wake(): void {
          clearTimeout(timer);
          waiting.delete(wake);
          resolve();
        }
        waiting.add(wake);
      });
    }
    return [...updates];
  };

  const methods: Record<string, (params: Record<string, unknown>) => unknown> = {
    getMe: () => BOT,
    sendMessage: (params) => {
      const message = botMessage({ text: params.text });
      if (params.reply_markup) lastButtons = message.message_id;
      return { ...message, ...(params.reply_markup !== undefined && { reply_markup: params.reply_markup }) };
    },
    sendMediaGroup: (params) =>
      (Array.isArray(params.media) ? params.media : []).map((item: { caption?: string }) =>
        botMessage({
          photo: [
            {
              file_id: `local-photo-${nextMessage}`,
              file_unique_id: `p${nextMessage}`,
              width: 90,
              height: 90,
            },
          ],
          ...(item.caption !== undefined && { caption: item.caption }),
        }),
      ),
    editMessageText: (params) => ({
      ...botMessage({ text: params.text }),
      message_id: Number(params.message_id),
    }),
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url ?? '');
    const answer = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (!match || match[1] !== TOKEN) {
      answer(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      return;
    }
    const method = match[2] ?? '';
    void readJson(request).then(async (params) => {
      const result = method === 'getUpdates' ? await getUpdates(params) : (methods[method]?.(params) ?? true);
      answer(200, { ok: true, result });
      for (const listener of listeners) listener(method, params);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    token: TOKEN,
    apiRoot: `http://127.0.0.1:${port}`,
    userSends: (text) => {
      const command = /^\/\w+/.exec(text);
      push({
        message: {
          message_id: nextMessage++,
          from: ADA,
          chat: CHAT,
          date: now(),
          text,
          ...(command && { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] }),
        },
      });
    },
    userPresses: (data) => {
      const message = { message_id: lastButtons ?? 0, from: BOT, chat: CHAT, date: now(), text: '' };
      push({ callback_query: { id: String(nextUpdate), from: ADA, message, chat_instance: '42', data } });
    },
    onCall: (listener) => {
      listeners.push(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const wake of [...waiting]) wake();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
