import type { CallbackQuery, Chat, Message, Update, User } from 'telegraf/types';
import type { StoredMessage, TelegramState } from './state';

/** The user the fake's updates come from unless told otherwise. */
export const FAKE_USER: User = {
  id: 4_200_000_001,
  is_bot: false,
  first_name: 'Ada',
  last_name: 'Lovelace',
  username: 'ada_lovelace',
  language_code: 'en',
};

/** Ready-made chats, numbered the way Telegram numbers them. */
export const FAKE_CHATS = {
  /** The private chat with {@link FAKE_USER}. */
  private: {
    id: FAKE_USER.id,
    type: 'private',
    first_name: 'Ada',
    last_name: 'Lovelace',
    username: 'ada_lovelace',
  },
  group: { id: -4_012_345_678, type: 'group', title: 'Analytical Engine Club' },
  /** A supergroup with topics (a forum). */
  forum: { id: -1_002_012_345_678, type: 'supergroup', title: 'Engine Room', is_forum: true },
  channel: { id: -1_001_987_654_321, type: 'channel', title: 'Engine News', username: 'engine_news' },
} as const satisfies Record<string, Chat>;

type NonChannelChat = Exclude<Chat, Chat.ChannelChat>;

/** Where and by whom a made-up message is sent. */
export interface MessageOptions {
  /** @default FAKE_CHATS.private */
  chat?: NonChannelChat;
  /** @default FAKE_USER */
  from?: User;
  /** A forum topic (`message_thread_id`). */
  threadId?: number;
  /** The id of the message this one replies to (it must be known to the fake). */
  replyTo?: number;
}

/** Builds updates the way Telegram would send them, numbering updates and messages like the real server. */
export interface UpdateFactory {
  /** A text message from a user; text starting with `/command` gets its `bot_command` entity. */
  text(text: string, options?: MessageOptions): Update.MessageUpdate<Message.TextMessage>;
  /** A photo (three sizes) from a user, with an optional caption. */
  photo(options?: MessageOptions & { caption?: string }): Update.MessageUpdate<Message.PhotoMessage>;
  /** The user edited one of their text messages. */
  editedText(original: Message.TextMessage, text: string): Update.EditedMessageUpdate<Message.TextMessage>;
  /** A post in a channel the bot administers. */
  channelPost(
    text: string,
    options?: { chat?: Chat.ChannelChat },
  ): Update.ChannelPostUpdate<Message.TextMessage>;
  /** The user pressed an inline button carrying `data` on a message the fake knows. */
  callbackQuery(
    data: string,
    options: { messageId: number; chat?: Chat; from?: User },
  ): Update.CallbackQueryUpdate<CallbackQuery.DataQuery>;
}

function commandEntities(text: string): Pick<Message.TextMessage, 'entities'> {
  const command = /^\/\w+(@\w+)?/.exec(text);
  return command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {};
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * The fake stores messages as the JSON it would return; the messages it made itself follow the Bot API
 * shapes, so this is where they become typed again.
 */
export function asMessage(message: StoredMessage): Message {
  return message as unknown as Message;
}

type ReplyMessage = NonNullable<Message.CommonMessage['reply_to_message']>;

function asReplyMessage(message: StoredMessage): ReplyMessage {
  const { reply_to_message: _nested, ...reply } = message;
  return reply as unknown as ReplyMessage;
}

export function createUpdateFactory(state: TelegramState, nextUpdateId: () => number): UpdateFactory {
  const common = (options: MessageOptions = {}) => {
    const chat = options.chat ?? FAKE_CHATS.private;
    state.remember(chat);
    const isTopic = chat.type === 'supergroup' && chat.is_forum === true && options.threadId !== undefined;
    const replyTo = options.replyTo === undefined ? undefined : state.find(chat.id, options.replyTo);
    return {
      message_id: state.nextMessageId(chat.id),
      from: options.from ?? FAKE_USER,
      chat,
      date: now(),
      ...(isTopic && { message_thread_id: options.threadId, is_topic_message: true as const }),
      ...(replyTo && { reply_to_message: asReplyMessage(replyTo) }),
    };
  };
  const save = <TMessage extends { message_id: number; date: number; chat: Chat }>(
    message: TMessage,
  ): TMessage => {
    state.save({ ...message });
    return message;
  };

  return {
    text: (text, options) => ({
      update_id: nextUpdateId(),
      message: save({ ...common(options), text, ...commandEntities(text) }),
    }),
    photo: (options = {}) => {
      const sizes = [
        { ...state.newFile(), file_size: 1_412, width: 90, height: 60 },
        { ...state.newFile(), file_size: 17_981, width: 320, height: 213 },
        { ...state.newFile(), file_size: 137_230, width: 1280, height: 853 },
      ];
      return {
        update_id: nextUpdateId(),
        message: save({
          ...common(options),
          photo: sizes,
          ...(options.caption !== undefined && { caption: options.caption }),
        }),
      };
    },
    editedText: (original, text) => {
      const { chat } = original;
      if (chat.type === 'channel' || !original.from)
        throw new TypeError('editedText needs a message a user sent');
      return {
        update_id: nextUpdateId(),
        edited_message: save({
          message_id: original.message_id,
          date: original.date,
          chat,
          from: original.from,
          ...(original.message_thread_id !== undefined && { message_thread_id: original.message_thread_id }),
          text,
          ...commandEntities(text),
          edit_date: now(),
        }),
      };
    },
    channelPost: (text, options = {}) => {
      const chat = options.chat ?? FAKE_CHATS.channel;
      state.remember(chat);
      return {
        update_id: nextUpdateId(),
        channel_post: save({
          message_id: state.nextMessageId(chat.id),
          sender_chat: chat,
          chat,
          date: now(),
          text,
        }),
      };
    },
    callbackQuery: (data, options) => {
      const chat = options.chat ?? FAKE_CHATS.private;
      const message = state.find(chat.id, options.messageId);
      if (!message) throw new TypeError(`the fake knows no message ${options.messageId} in chat ${chat.id}`);
      return {
        update_id: nextUpdateId(),
        callback_query: {
          id: `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
          from: options.from ?? FAKE_USER,
          message: asMessage(message),
          chat_instance: String(-chat.id * 7 + 3),
          data,
        },
      };
    },
  };
}
