import { randomBytes } from 'node:crypto';
import type { Chat, User, UserFromGetMe } from 'telegraf/types';
import type { ApiFailure } from './types';

/** A message as the fake keeps it: the JSON the Bot API returns. */
export type StoredMessage = { message_id: number; date: number; chat: Chat } & Record<string, unknown>;

/** Thrown by method handlers; becomes `{ ok: false, error_code, description }`. */
export class BotApiError extends Error {
  readonly failure: ApiFailure;

  constructor(errorCode: number, description: string, parameters?: ApiFailure['parameters']) {
    super(description);
    this.failure = { error_code: errorCode, description, ...(parameters && { parameters }) };
  }
}

export function badRequest(description: string): BotApiError {
  return new BotApiError(400, `Bad Request: ${description}`);
}

function fileToken(length: number): string {
  return randomBytes(length).toString('base64url');
}

/** Chats, messages and files the fake knows, with Telegram's numbering (message ids count per chat). */
export class TelegramState {
  readonly bot: UserFromGetMe;
  private readonly chats = new Map<number, Chat>();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly lastMessageId = new Map<number, number>();
  private nextChannelId = -1001900000000;
  private fileCount = 0;

  constructor(botId: number, names: { firstName: string; username: string }) {
    this.bot = {
      id: botId,
      is_bot: true,
      first_name: names.firstName,
      username: names.username,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    };
  }

  /** The bot as it appears in `from` of the messages it sends. */
  get botUser(): User {
    return { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username };
  }

  remember(chat: Chat): void {
    this.chats.set(chat.id, chat);
  }

  /**
   * The chat a `chat_id` names. Unknown chats are made up the way Telegram numbers them:
   * positive ids are users' private chats, `-100…` supergroups, other negative ids basic groups,
   * and `@username` public channels.
   */
  chat(chatId: unknown): Chat {
    if (typeof chatId === 'string' && chatId.startsWith('@')) {
      const username = chatId.slice(1);
      for (const chat of this.chats.values()) {
        if ('username' in chat && chat.username === username) return chat;
      }
      const channel: Chat = { id: this.nextChannelId--, type: 'channel', title: username, username };
      this.remember(channel);
      return channel;
    }
    const id = typeof chatId === 'number' ? chatId : typeof chatId === 'string' ? Number(chatId) : Number.NaN;
    if (!Number.isSafeInteger(id) || id === 0) throw badRequest('chat not found');
    const known = this.chats.get(id);
    if (known) return known;
    const made: Chat =
      id > 0
        ? { id, type: 'private', first_name: `User ${id}` }
        : String(id).startsWith('-100')
          ? { id, type: 'supergroup', title: `Supergroup ${id}` }
          : { id, type: 'group', title: `Group ${id}` };
    this.remember(made);
    return made;
  }

  nextMessageId(chatId: number): number {
    const next = (this.lastMessageId.get(chatId) ?? 0) + 1;
    this.lastMessageId.set(chatId, next);
    return next;
  }

  save(message: StoredMessage): StoredMessage {
    this.messages.set(`${message.chat.id}:${message.message_id}`, message);
    return message;
  }

  find(chatId: number, messageId: unknown): StoredMessage | undefined {
    return this.messages.get(`${chatId}:${Number(messageId)}`);
  }

  forget(chatId: number, messageId: unknown): boolean {
    return this.messages.delete(`${chatId}:${Number(messageId)}`);
  }

  /** A new `file_id` / `file_unique_id` pair shaped like Telegram's. */
  newFile(): { file_id: string; file_unique_id: string } {
    this.fileCount += 1;
    return {
      file_id: `AgACAgIAAxkBAA${this.fileCount.toString(36).toUpperCase()}${fileToken(36)}`,
      file_unique_id: `AQAD${fileToken(8)}`,
    };
  }
}
