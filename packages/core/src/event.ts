import type { MessageFailureCode } from './error-codes';

/** The chat platforms the adapters report. */
export type Platform = 'botframework' | 'telegram' | 'discord';

/** The message event types: what every endpoint receives by default. */
export type MessageEventType =
  | 'message.received'
  | 'message.sent'
  | 'message.edited'
  | 'message.deleted'
  /** An outbound send, edit or delete that the platform refused; only published when an adapter is asked to. */
  | 'message.failed';

/** Every event type bothooks sends. `webhook.verify` is only sent by `verify()`. */
export type WebhookEventType = MessageEventType | 'webhook.verify';

/** Every message event type, in the order they are documented. */
export const MESSAGE_EVENT_TYPES: readonly MessageEventType[] = [
  'message.received',
  'message.sent',
  'message.edited',
  'message.deleted',
  'message.failed',
];

/** A user or bot account. */
export interface Account {
  id: string;
  /** The display name. */
  name?: string;
  /** The handle, where the platform has one (Telegram `username`, Discord `username`). */
  username?: string;
  /** The user's language or locale, where the platform says (`en`, `en-US`). */
  locale?: string;
}

/** Where the message was exchanged. */
export interface Conversation {
  id: string;
  /** Platform-specific kind: `private`, `group`, `supergroup`, `channel` (Telegram); `dm`, `guild_text`, `thread` (Discord); `personal`, `groupChat`, `channel` (Bot Framework). */
  type?: string;
  /** The title of a group or channel. */
  name?: string;
  /** True for conversations with more than one human. */
  isGroup?: boolean;
  /** Discord guild (server) id. */
  guildId?: string;
  /** Telegram forum topic, Discord thread parent, Teams reply chain: the thread inside the conversation. */
  threadId?: string;
  /** Microsoft Teams / Entra tenant. */
  tenantId?: string;
}

/** A file, card, sticker, location or other non-text part of a message. Never the file's content. */
export interface Attachment {
  /** `photo`, `document`, `voice`, `video`, `sticker`, `location`, `card`, `embed`, `file`, ... */
  type: string;
  /** MIME type, when known. */
  contentType?: string;
  /** A URL to fetch it from, when the platform gives one. */
  url?: string;
  /** The file name, when known. */
  name?: string;
  /** The platform's file identifier (Telegram `file_id`, Discord attachment id). */
  fileId?: string;
  /** Size in bytes, when known. */
  size?: number;
  /** A card's or embed's title. */
  title?: string;
  /** A short text summary of a card or embed (never its whole content). */
  summary?: string;
  /** Latitude and longitude of a location. */
  latitude?: number;
  longitude?: number;
}

/** A button press, slash command or other structured input that is not a typed message. */
export interface MessageAction {
  /** `button` (Telegram callback query, Discord component), `command` (Discord slash command), `select`, `modal`. */
  kind: string;
  /** The button's payload, the command's name or the selected values. */
  value?: string;
  /** Command options, as given. */
  options?: Record<string, unknown>;
}

/** The message itself. */
export interface Message {
  /** The platform's id of the message. Absent only when the platform returned none. */
  id?: string;
  /** Text or caption. Absent when the adapter was told to leave text out, or there is none. */
  text?: string;
  attachments: Attachment[];
  /** The id of the message this one replies to. */
  replyToId?: string;
  /** Ids of every message a bulk delete removed. */
  ids?: string[];
  /** The structured input, for button presses and commands. */
  action?: MessageAction;
}

/** The `data` of every `message.*` event. */
export interface MessageEventData {
  platform: Platform;
  direction: 'inbound' | 'outbound';
  /** Bot Framework only: the `channelId` (`msteams`, `webchat`, `directline`, `emulator`, ...). */
  channel?: string;
  bot: Account;
  conversation: Conversation;
  /** The human on the other side of the conversation, for inbound and outbound alike. */
  user?: Account;
  message: Message;
  /** The interaction the turn was tagged with. */
  interaction?: string;
  /** User attributes supplied by the bot. */
  attributes?: Record<string, unknown>;
  /** For `message.failed`: what the bot tried and why the platform refused. */
  error?: MessageFailure;
}

/** The `data.error` of a `message.failed` event: the same shape and codes in every adapter. */
export interface MessageFailure {
  /** What the bot tried. */
  operation: 'send' | 'edit' | 'delete';
  code: MessageFailureCode;
  /** What the platform or the network said, without credentials, at most 500 characters. */
  message: string;
  /** The HTTP status the platform answered with. */
  status?: number;
  /** The platform's own error code, when it has one (Discord's `50013`, Bot Framework's `BadArgument`). */
  platformCode?: string;
}

/** The `data` of a `webhook.verify` event. */
export interface VerifyEventData {
  /** A random string; a receiver may echo it back as `{ "challenge": "..." }`. */
  challenge: string;
}

/**
 * The Standard Webhooks envelope every endpoint receives.
 */
export interface WebhookEvent<TData = MessageEventData | VerifyEventData> {
  type: string;
  /** ISO 8601 time at which the event happened. */
  timestamp: string;
  data: TData;
}

/** A message event, as adapters publish it. */
export type MessageEvent = WebhookEvent<MessageEventData> & { type: MessageEventType };

/**
 * Builds a message event. Adapters use it so every event has the same shape; `timestamp` defaults to now.
 *
 * @example
 * ```ts
 * hooks.publish(createMessageEvent('message.received', { platform: 'telegram', direction: 'inbound', ... }));
 * ```
 */
export function createMessageEvent(
  type: MessageEventType,
  data: MessageEventData,
  timestamp: Date | string | number = new Date(),
): MessageEvent {
  return { type, timestamp: toIsoTimestamp(timestamp), data };
}

/** Normalises a date, an ISO string or epoch milliseconds to an ISO 8601 string; falls back to now. */
export function toIsoTimestamp(value: Date | string | number | undefined): string {
  const date = value instanceof Date ? value : value === undefined ? new Date() : new Date(value);
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString();
}

/** The key that orders a message event: one FIFO lane per platform conversation. */
export function conversationKey(event: WebhookEvent): string | undefined {
  const data = event.data as Partial<MessageEventData> | undefined;
  const id = data?.conversation?.id;
  return typeof id === 'string' && id !== '' ? `${data?.platform ?? ''}:${id}` : undefined;
}
