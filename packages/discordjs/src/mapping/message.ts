import type { Account, Message as EventMessage, MessageEventData } from '@bothooks/core';
import type { Message, PartialMessage } from 'discord.js';
import { type ApiUser, accountFromPayload, accountFromUser } from './accounts';
import {
  type AttachmentPayload,
  attachmentsFromPayload,
  attachmentsFromStructures,
  type EmbedPayload,
  type PollPayload,
  type StickerItemPayload,
  VOICE_MESSAGE_FLAG,
} from './content';
import { type ChannelFacts, channelFacts, conversationOf } from './conversation';

/** A Discord API message object, as REST results and MESSAGE_CREATE / MESSAGE_UPDATE carry it. */
export interface ApiMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  content?: string;
  author?: ApiUser & { bot?: boolean };
  member?: { nick?: string | null };
  timestamp?: string;
  edited_timestamp?: string | null;
  attachments?: AttachmentPayload[];
  embeds?: EmbedPayload[];
  sticker_items?: StickerItemPayload[];
  poll?: PollPayload;
  flags?: number;
  webhook_id?: string;
  message_reference?: { type?: number; message_id?: string; channel_id?: string };
  referenced_message?: ApiMessage | null;
  interaction_metadata?: { id: string; user?: ApiUser };
}

/** Discord's `MessageReferenceType.Default`: a reply. Forwards (type 1) are not replies. */
const REPLY_REFERENCE = 0;

/** Whether a REST result or gateway payload is a message object. */
export function isApiMessage(value: unknown): value is ApiMessage {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { id?: unknown; channel_id?: unknown };
  return typeof candidate.id === 'string' && typeof candidate.channel_id === 'string';
}

/** The message part of an event, from an API message object. */
export function messageFromPayload(payload: ApiMessage): EventMessage {
  const reference = payload.message_reference;
  const replyToId =
    reference?.message_id && (reference.type ?? REPLY_REFERENCE) === REPLY_REFERENCE
      ? reference.message_id
      : undefined;
  return {
    id: payload.id,
    ...(payload.content && { text: payload.content }),
    attachments: attachmentsFromPayload(payload),
    ...(replyToId && { replyToId }),
  };
}

/** The message part of an event, from a discord.js `Message` (a partial one has only its ids). */
export function messageFromStructure(message: Message | PartialMessage): EventMessage {
  if (message.partial) return { id: message.id, attachments: [] };
  const reference = message.reference;
  const replyToId =
    reference?.messageId && (reference.type ?? REPLY_REFERENCE) === REPLY_REFERENCE
      ? reference.messageId
      : undefined;
  return {
    id: message.id,
    ...(message.content && { text: message.content }),
    attachments: attachmentsFromStructures({
      attachments: message.attachments.values(),
      embeds: message.embeds,
      stickers: message.stickers.values(),
      poll: message.poll ? { question: message.poll.question, answers: message.poll.answers.values() } : null,
      isVoiceMessage: message.flags.has(VOICE_MESSAGE_FLAG),
    }),
    ...(replyToId && { replyToId }),
  };
}

/** The author of an API message, with the nickname the gateway adds for guild messages. */
export function authorOfPayload(payload: ApiMessage): Account | undefined {
  return payload.author ? accountFromPayload(payload.author, payload.member?.nick) : undefined;
}

/** The author of a discord.js message, as the guild shows them. */
export function authorOfStructure(message: Message | PartialMessage): Account | undefined {
  if (!message.author) return undefined;
  return accountFromUser(message.author, message.member?.nickname);
}

/** The conversation of a discord.js message: its channel when cached, else the ids it carries. */
export function conversationOfStructure(message: Message | PartialMessage) {
  const channel = message.channel as Parameters<typeof channelFacts>[0] | undefined;
  return conversationOf(
    channel ? channelFacts(channel) : { id: message.channelId, guildId: message.guildId },
  );
}

/** Everything an event about a message needs besides the message itself. */
export interface EventSides {
  bot: Account;
  conversation: ReturnType<typeof conversationOf>;
  /** The human on the other side. */
  user?: Account | undefined;
}

/** Assembles the `data` of a message event. */
export function messageEventData(
  direction: 'inbound' | 'outbound',
  sides: EventSides,
  message: EventMessage,
): MessageEventData {
  return {
    platform: 'discord',
    direction,
    bot: sides.bot,
    conversation: sides.conversation,
    ...(sides.user && { user: sides.user }),
    message,
  };
}

/** A message a user sent the bot (`messageCreate`). */
export function receivedMessageData(message: Message | PartialMessage, bot: Account): MessageEventData {
  return messageEventData(
    'inbound',
    { bot, conversation: conversationOfStructure(message), user: authorOfStructure(message) },
    messageFromStructure(message),
  );
}

/** A message the bot sent, edited or deleted, from the API's answer and what is known of its channel. */
export function outboundMessageData(
  payload: ApiMessage,
  channel: ChannelFacts,
  sides: { bot: Account; user?: Account | undefined },
): MessageEventData {
  return messageEventData(
    'outbound',
    { bot: sides.bot, conversation: conversationOf(channel), user: sides.user },
    messageFromPayload(payload),
  );
}
