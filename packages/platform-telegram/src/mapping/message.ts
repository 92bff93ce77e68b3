import type {
  Account,
  Attachment,
  Conversation,
  Message as EventMessage,
  MessageAction,
} from '@bothooks/core';
import type { Chat, FileFields, Message, User } from './bot-api';

function fullName(first: string | undefined, last: string | undefined): string | undefined {
  const name = [first, last].filter((part) => part !== undefined && part !== '').join(' ');
  return name === '' ? undefined : name;
}

/** A Telegram user or bot as an {@link Account}. */
export function userAccount(user: User): Account {
  const name = fullName(user.first_name, user.last_name);
  return {
    id: String(user.id),
    ...(name !== undefined && { name }),
    ...(user.username !== undefined && { username: user.username }),
    ...(user.language_code !== undefined && { locale: user.language_code }),
  };
}

/**
 * The bot's account: from what `getMe` answered once the framework knows it, else the id every token starts with
 * (never the secret part after `:`).
 */
export function botAccount(botInfo: User | undefined, token: string | undefined): Account {
  if (botInfo) return userAccount(botInfo);
  const id = /^(\d+):/.exec(token ?? '')?.[1];
  return { id: id ?? 'unknown' };
}

/** A chat as an {@link Account}: the other party of a private chat, or a group or channel speaking as itself. */
export function chatAccount(chat: Chat): Account {
  const name = chat.title ?? fullName(chat.first_name, chat.last_name);
  const username = chat.username;
  return {
    id: String(chat.id),
    ...(name !== undefined && { name }),
    ...(username !== undefined && { username }),
  };
}

/** A chat (and forum topic or reply thread) as a {@link Conversation}. */
export function conversationOf(chat: Chat, threadId?: number): Conversation {
  const title = chat.title;
  return {
    id: String(chat.id),
    type: chat.type,
    ...(title !== undefined && { name: title }),
    isGroup: chat.type === 'group' || chat.type === 'supergroup',
    ...(threadId !== undefined && { threadId: String(threadId) }),
  };
}

/** The thread a message belongs to: its forum topic or, in other supergroups, its reply thread. */
export function threadIdOf(message: Message): number | undefined {
  return message.message_thread_id;
}

/**
 * Who sent a message: its `from`, or the chat it was sent on behalf of (`sender_chat`: anonymous group admins,
 * linked channels). Channel posts have no human sender.
 */
export function senderOf(message: Message): Account | undefined {
  if (message.chat.type === 'channel') return undefined;
  if (message.sender_chat) return chatAccount(message.sender_chat);
  if (message.from) return userAccount(message.from);
  return undefined;
}

function replyToIdOf(message: Message): string | undefined {
  if (!message.reply_to_message) return undefined;
  const replied = message.reply_to_message.message_id;
  // In a forum topic every message that is not a reply still points at the topic's creation message.
  if (message.is_topic_message && replied === message.message_thread_id) {
    return undefined;
  }
  return String(replied);
}

function textOf(message: Message): string | undefined {
  return message.text ?? message.caption;
}

function commandOf(message: Message): MessageAction | undefined {
  if (message.text === undefined || !message.entities) return undefined;
  const command = message.entities.find((entity) => entity.type === 'bot_command' && entity.offset === 0);
  if (!command) return undefined;
  const name = message.text.slice(1, command.length).split('@')[0];
  return name ? { kind: 'command', value: name } : undefined;
}

function file(type: string, value: FileFields, name?: string): Attachment {
  const fileName = value.file_name ?? name;
  return {
    type,
    fileId: value.file_id,
    ...(fileName !== undefined && { name: fileName }),
    ...(value.mime_type !== undefined && { contentType: value.mime_type }),
    ...(value.file_size !== undefined && { size: value.file_size }),
  };
}

/**
 * The non-text parts of a message, as descriptors: never file contents. Titles and summaries (poll questions,
 * contact names, venue titles and addresses, sticker emoji) are included; `includeText: false` strips them in core.
 */
export function attachmentsOf(message: Message): Attachment[] {
  const attachments: Attachment[] = [];
  const largest = message.photo?.at(-1);
  if (largest) attachments.push(file('photo', largest));
  // Telegram sends `document` next to `animation` for older clients; it is the same file.
  if (message.animation) attachments.push(file('animation', message.animation));
  else if (message.document) attachments.push(file('document', message.document));
  if (message.audio) attachments.push(file('audio', message.audio, message.audio.title));
  if (message.video) attachments.push(file('video', message.video));
  if (message.video_note) attachments.push(file('video_note', message.video_note));
  if (message.voice) attachments.push(file('voice', message.voice));
  if (message.sticker) {
    attachments.push({
      ...file('sticker', message.sticker),
      ...(message.sticker.emoji !== undefined && { summary: message.sticker.emoji }),
    });
  }
  if (message.venue) {
    const { venue } = message;
    attachments.push({
      type: 'venue',
      title: venue.title,
      summary: venue.address,
      latitude: venue.location.latitude,
      longitude: venue.location.longitude,
    });
  } else if (message.location) {
    attachments.push({
      type: 'location',
      latitude: message.location.latitude,
      longitude: message.location.longitude,
    });
  }
  if (message.contact) {
    const name = fullName(message.contact.first_name, message.contact.last_name);
    attachments.push({ type: 'contact', ...(name !== undefined && { title: name }) });
  }
  if (message.poll) attachments.push({ type: 'poll', title: message.poll.question });
  if (message.dice)
    attachments.push({ type: 'dice', summary: `${message.dice.emoji} ${message.dice.value}` });
  if (message.game) attachments.push({ type: 'game', title: message.game.title });
  if (message.invoice) attachments.push({ type: 'invoice', title: message.invoice.title });
  if (message.story) attachments.push({ type: 'story' });
  return attachments;
}

/** The message part of an event: id, text or caption, attachments, reply and command. */
export function messageOf(message: Message): EventMessage {
  const text = textOf(message);
  const replyToId = replyToIdOf(message);
  const action = commandOf(message);
  return {
    id: String(message.message_id),
    ...(text !== undefined && { text }),
    attachments: attachmentsOf(message),
    ...(replyToId !== undefined && { replyToId }),
    ...(action !== undefined && { action }),
  };
}

/** Whether a message carries something a person wrote or sent, as opposed to a service message (joins, pins, topics). */
export function hasContent(message: EventMessage): boolean {
  return message.text !== undefined || message.attachments.length > 0;
}
