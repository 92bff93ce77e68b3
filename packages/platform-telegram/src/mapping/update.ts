import type { Account, Conversation, MessageEventData, MessageEventType } from '@bothooks/core';
import type { CallbackQuery, Chat, Message, Update, User } from './bot-api';
import { conversationOf, hasContent, messageOf, senderOf, threadIdOf, userAccount } from './message';

/** An event the mapping produced, ready to publish. */
export interface MappedEvent {
  type: MessageEventType;
  data: MessageEventData;
  /** When it happened (epoch milliseconds); undefined means now. */
  timestamp?: number;
}

/** Options of {@link mapUpdate}. */
export interface UpdateMappingOptions {
  /** Report callback queries (button presses). */
  callbackQueries: boolean;
}

/** The conversation and human of an update, whatever its kind: what the bot's answers in that update are about. */
export interface Participants {
  conversation?: Conversation;
  user?: Account;
}

type MessageUpdateKey = 'message' | 'edited_message' | 'channel_post' | 'edited_channel_post';

const MESSAGE_UPDATES: Record<MessageUpdateKey, MessageEventType> = {
  message: 'message.received',
  edited_message: 'message.edited',
  channel_post: 'message.received',
  edited_channel_post: 'message.edited',
};

function messageOfUpdate(update: Update): { key: MessageUpdateKey; message: Message } | undefined {
  for (const key of Object.keys(MESSAGE_UPDATES) as MessageUpdateKey[]) {
    const message = update[key];
    if (message) return { key, message };
  }
  return undefined;
}

/** The event type an update becomes, if any: cheap, so callers can skip the mapping of unwanted events. */
export function inboundEventType(
  update: Update,
  options: UpdateMappingOptions,
): MessageEventType | undefined {
  const found = messageOfUpdate(update);
  if (found) return MESSAGE_UPDATES[found.key];
  if (update.callback_query && options.callbackQueries) return 'message.received';
  return undefined;
}

function callbackConversation(query: CallbackQuery): Conversation {
  if (query.message) return conversationOf(query.message.chat, threadIdOf(query.message));
  // A button on a message sent in inline mode belongs to no chat the bot can see.
  return { id: query.inline_message_id ?? query.chat_instance, type: 'inline', isGroup: false };
}

function mapCallbackQuery(query: CallbackQuery, bot: Account): MappedEvent {
  const value = query.data ?? query.game_short_name;
  const source = query.message ? String(query.message.message_id) : query.inline_message_id;
  return {
    type: 'message.received',
    data: {
      platform: 'telegram',
      direction: 'inbound',
      bot,
      conversation: callbackConversation(query),
      user: userAccount(query.from),
      message: {
        id: query.id,
        attachments: [],
        ...(source !== undefined && { replyToId: source }),
        action: { kind: 'button', ...(value !== undefined && { value }) },
      },
    },
  };
}

/**
 * Maps an incoming update to its event: `message` and `channel_post` become `message.received`,
 * `edited_message` and `edited_channel_post` become `message.edited`, and a callback query (a button press)
 * becomes `message.received` with `message.action` `{ kind: 'button', value: <callback data> }`.
 * Service messages (members joining, pins, topic changes) and every other update kind map to nothing.
 */
export function mapUpdate(
  update: Update,
  bot: Account,
  options: UpdateMappingOptions,
): MappedEvent | undefined {
  const found = messageOfUpdate(update);
  if (found) {
    const { message } = found;
    const mapped = messageOf(message);
    if (!hasContent(mapped)) return undefined;
    const edited = found.key === 'edited_message' || found.key === 'edited_channel_post';
    const seconds = edited && message.edit_date !== undefined ? message.edit_date : message.date;
    const user = senderOf(message);
    return {
      type: MESSAGE_UPDATES[found.key],
      timestamp: seconds * 1000,
      data: {
        platform: 'telegram',
        direction: 'inbound',
        bot,
        conversation: conversationOf(message.chat, threadIdOf(message)),
        ...(user !== undefined && { user }),
        message: mapped,
      },
    };
  }
  if (update.callback_query && options.callbackQueries) return mapCallbackQuery(update.callback_query, bot);
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isChat(value: unknown): value is Chat {
  return isObject(value) && typeof value.id === 'number' && typeof value.type === 'string';
}

function isUser(value: unknown): value is User {
  return isObject(value) && typeof value.id === 'number' && typeof value.is_bot === 'boolean';
}

/**
 * The conversation and human of any update, including kinds that are not reported themselves (inline queries,
 * member changes, reactions): the bot's answers within the update are reported with them.
 */
export function participantsOf(update: Update): Participants {
  const found = messageOfUpdate(update);
  if (found) {
    const user = senderOf(found.message);
    return {
      conversation: conversationOf(found.message.chat, threadIdOf(found.message)),
      ...(user !== undefined && { user }),
    };
  }
  if (update.callback_query) {
    return {
      conversation: callbackConversation(update.callback_query),
      user: userAccount(update.callback_query.from),
    };
  }
  // Every other update kind carries its chat and person as `chat` and `from` (or `user`), when it has them.
  const payload = Object.entries(update).find(([key, value]) => key !== 'update_id' && isObject(value))?.[1];
  if (!isObject(payload)) return {};
  const chat = isChat(payload.chat) ? payload.chat : undefined;
  const person = isUser(payload.from) ? payload.from : isUser(payload.user) ? payload.user : undefined;
  return {
    ...(chat !== undefined && { conversation: conversationOf(chat) }),
    ...(person !== undefined && { user: userAccount(person) }),
  };
}
