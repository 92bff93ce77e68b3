import type { Chat } from 'telegraf/types';
import { badRequest, type StoredMessage, type TelegramState } from './state';
import type { UploadedFile } from './types';

/** What a method handler gets: the call's parameters and files, and the fake's state. */
export interface MethodRequest {
  params: Record<string, unknown>;
  files: UploadedFile[];
  state: TelegramState;
}

export type MethodHandler = (request: MethodRequest) => unknown;

const MAX_TEXT_LENGTH = 4096;
const MAX_CAPTION_LENGTH = 1024;

const MIME_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  json: 'application/json',
  csv: 'text/csv',
  zip: 'application/zip',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  mp4: 'video/mp4',
};

function mimeTypeOf(filename: string | undefined): string {
  const extension = filename?.split('.').pop()?.toLowerCase() ?? '';
  return MIME_TYPES[extension] ?? 'application/octet-stream';
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** A file given to a send method: an upload, an existing `file_id` or a URL Telegram fetches. */
type MediaInput =
  | { kind: 'upload'; file: UploadedFile }
  | { kind: 'file_id'; fileId: string }
  | { kind: 'url'; url: string };

function mediaInput(request: MethodRequest, value: unknown, field: string): MediaInput | undefined {
  const upload = request.files.find((file) => file.field === field);
  if (upload && (value === undefined || typeof value !== 'string' || !value.startsWith('attach://'))) {
    return { kind: 'upload', file: upload };
  }
  if (typeof value !== 'string' || value === '') return undefined;
  if (value.startsWith('attach://')) {
    const attached = request.files.find((file) => file.field === value.slice('attach://'.length));
    if (!attached) throw badRequest(`file for ${value} is not found in the request`);
    return { kind: 'upload', file: attached };
  }
  if (/^https?:\/\//i.test(value)) return { kind: 'url', url: value };
  return { kind: 'file_id', fileId: value };
}

function requiredMedia(request: MethodRequest, field: string): MediaInput {
  const input = mediaInput(request, request.params[field], field);
  if (!input) throw badRequest(`there is no ${field} in the request`);
  return input;
}

interface FileFields {
  file_id: string;
  file_unique_id: string;
  file_size?: number;
  file_name?: string;
  mime_type?: string;
}

function fileFields(request: MethodRequest, input: MediaInput, defaultName?: string): FileFields {
  if (input.kind === 'file_id') {
    return { file_id: input.fileId, file_unique_id: `AQAD${input.fileId.slice(-8)}` };
  }
  const name =
    input.kind === 'upload'
      ? (input.file.filename ?? defaultName)
      : input.url.split('/').pop() || defaultName;
  return {
    ...request.state.newFile(),
    ...(name !== undefined && { file_name: name }),
    mime_type: mimeTypeOf(name),
    file_size: input.kind === 'upload' ? input.file.size : 48_213,
  };
}

function photoSizes(request: MethodRequest, input: MediaInput): Record<string, unknown>[] {
  const largest = fileFields(request, input);
  const size = largest.file_size ?? 48_213;
  // Telegram stores each photo in several sizes; the last is the largest.
  return [
    { ...request.state.newFile(), file_size: Math.max(1, Math.round(size / 40)), width: 90, height: 67 },
    { ...request.state.newFile(), file_size: Math.max(1, Math.round(size / 4)), width: 320, height: 240 },
    {
      file_id: largest.file_id,
      file_unique_id: largest.file_unique_id,
      file_size: size,
      width: 1280,
      height: 960,
    },
  ];
}

function text(value: unknown, field: string, maximum: number, required: boolean): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw badRequest(`${field === 'text' ? 'message text' : field} is empty`);
    return undefined;
  }
  const string = String(value);
  if (string.length > maximum) {
    throw badRequest(field === 'text' ? 'message is too long' : `${field} is too long`);
  }
  return string;
}

function replyTarget(request: MethodRequest, chat: Chat): StoredMessage | undefined {
  const parameters = request.params.reply_parameters as { message_id?: unknown } | undefined;
  const messageId = parameters?.message_id ?? request.params.reply_to_message_id;
  if (messageId === undefined) return undefined;
  const target = request.state.find(chat.id, messageId);
  if (!target) throw badRequest('message to be replied not found');
  const { reply_to_message: _nested, ...withoutNested } = target;
  return withoutNested as StoredMessage;
}

/** The fields every message the bot sends has: id, sender, chat, date, thread and reply. */
function newMessage(request: MethodRequest, content: Record<string, unknown>): StoredMessage {
  const chat = request.state.chat(request.params.chat_id);
  const threadId = request.params.message_thread_id;
  const replyTo = replyTarget(request, chat);
  const isForumTopic = chat.type === 'supergroup' && chat.is_forum === true && threadId !== undefined;
  const markup = request.params.reply_markup as { inline_keyboard?: unknown } | undefined;
  const message: StoredMessage = {
    message_id: request.state.nextMessageId(chat.id),
    ...(chat.type === 'channel' ? { sender_chat: chat } : { from: request.state.botUser }),
    chat,
    date: now(),
    ...(isForumTopic && { message_thread_id: Number(threadId), is_topic_message: true }),
    ...(replyTo && { reply_to_message: replyTo }),
    ...content,
    ...(markup?.inline_keyboard !== undefined && { reply_markup: markup }),
  };
  return request.state.save(message);
}

function captioned(request: MethodRequest): Record<string, unknown> {
  const caption = text(request.params.caption, 'caption', MAX_CAPTION_LENGTH, false);
  return caption === undefined ? {} : { caption };
}

function commandEntities(value: string): Record<string, unknown> {
  const command = /^\/\w+(@\w+)?/.exec(value);
  return command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {};
}

function mediaContent(request: MethodRequest, type: string, input: MediaInput): Record<string, unknown> {
  const params = request.params;
  const duration = Number(params.duration ?? 3);
  switch (type) {
    case 'photo':
      return { photo: photoSizes(request, input) };
    case 'document':
      return { document: fileFields(request, input, 'document') };
    case 'audio':
      return {
        audio: {
          ...fileFields(request, input, 'audio.mp3'),
          duration,
          ...(params.title !== undefined && { title: String(params.title) }),
          ...(params.performer !== undefined && { performer: String(params.performer) }),
        },
      };
    case 'voice': {
      const { file_name: _unnamed, ...voice } = fileFields(request, input, 'voice.ogg');
      return { voice: { ...voice, duration, mime_type: 'audio/ogg' } };
    }
    case 'video':
      return { video: { ...fileFields(request, input, 'video.mp4'), width: 1280, height: 720, duration } };
    case 'animation': {
      const animation = { ...fileFields(request, input, 'animation.mp4'), width: 480, height: 270, duration };
      // Telegram still adds a `document` next to `animation` for older clients.
      const { width: _width, height: _height, duration: _duration, ...document } = animation;
      return { animation, document };
    }
    case 'video_note': {
      const { file_name: _unnamed, mime_type: _type, ...note } = fileFields(request, input, 'video_note.mp4');
      return { video_note: { ...note, length: 240, duration } };
    }
    case 'sticker': {
      const {
        file_name: _unnamed,
        mime_type: _type,
        ...sticker
      } = fileFields(request, input, 'sticker.webp');
      return {
        sticker: {
          ...sticker,
          type: 'regular',
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
          ...(params.emoji !== undefined && { emoji: String(params.emoji) }),
        },
      };
    }
    default:
      throw badRequest(`unsupported media type ${type}`);
  }
}

function sendMedia(type: string, field = type): MethodHandler {
  return (request) => {
    const input = requiredMedia(request, field);
    return newMessage(request, { ...mediaContent(request, type, input), ...captioned(request) });
  };
}

function existing(request: MethodRequest, verb: string): { chat: Chat; message: StoredMessage } {
  const chat = request.state.chat(request.params.chat_id);
  const message = request.state.find(chat.id, request.params.message_id);
  if (!message) throw badRequest(`message to ${verb} not found`);
  return { chat, message };
}

function inlineEdit(request: MethodRequest): boolean {
  if (request.params.inline_message_id === undefined) return false;
  if (request.params.chat_id !== undefined) throw badRequest('chat_id and inline_message_id are exclusive');
  return true;
}

/** Applies an edit to one of the bot's own messages, as Telegram validates it. */
function edit(request: MethodRequest, change: (message: StoredMessage) => Record<string, unknown>): unknown {
  if (inlineEdit(request)) return true;
  const { message } = existing(request, 'edit');
  const from = message.from as { id?: number } | undefined;
  const sentByBot = from?.id === request.state.bot.id || message.chat.type === 'channel';
  if (!sentByBot) throw badRequest("message can't be edited");
  const changes = change(message);
  const markup = request.params.reply_markup as { inline_keyboard?: unknown } | undefined;
  const unchanged =
    Object.entries(changes).every(([key, value]) => JSON.stringify(message[key]) === JSON.stringify(value)) &&
    JSON.stringify(message.reply_markup) === JSON.stringify(markup?.inline_keyboard ? markup : undefined);
  if (unchanged) {
    throw badRequest(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
  }
  const { reply_markup: _markup, ...rest } = message;
  const edited = {
    ...rest,
    ...changes,
    edit_date: now(),
    ...(markup?.inline_keyboard !== undefined && { reply_markup: markup }),
  };
  // Fields an edit removed (the old media of `editMessageMedia`) must disappear, not linger as `undefined`.
  for (const [key, value] of Object.entries(edited)) {
    if (value === undefined) delete edited[key as keyof typeof edited];
  }
  return request.state.save(edited);
}

const CONTENT_FIELDS = [
  'text',
  'entities',
  'caption',
  'photo',
  'document',
  'audio',
  'voice',
  'video',
  'animation',
  'video_note',
  'sticker',
  'location',
  'venue',
  'contact',
  'poll',
  'dice',
];

function contentOf(message: StoredMessage): Record<string, unknown> {
  return Object.fromEntries(
    CONTENT_FIELDS.filter((field) => field in message).map((field) => [field, message[field]]),
  );
}

function messageIds(value: unknown): unknown[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 100) {
    throw badRequest('message_ids must be a list of 1 to 100 message identifiers');
  }
  return value;
}

function copy(request: MethodRequest, sourceId: unknown): StoredMessage {
  const source = request.state.find(request.state.chat(request.params.from_chat_id).id, sourceId);
  if (!source) throw badRequest('message to copy not found');
  const caption = request.params.caption;
  const content = contentOf(source);
  return newMessage(request, {
    ...content,
    ...(caption !== undefined && 'caption' in content && { caption: String(caption) }),
  });
}

function forward(request: MethodRequest, sourceId: unknown): StoredMessage {
  const sourceChat = request.state.chat(request.params.from_chat_id);
  const source = request.state.find(sourceChat.id, sourceId);
  if (!source) throw badRequest('message to forward not found');
  const origin =
    sourceChat.type === 'channel'
      ? { type: 'channel', chat: sourceChat, message_id: source.message_id, date: source.date }
      : { type: 'user', sender_user: source.from, date: source.date };
  return newMessage(request, {
    forward_origin: origin,
    forward_date: source.date,
    ...(source.from !== undefined && { forward_from: source.from }),
    ...contentOf(source),
  });
}

function number(value: unknown, field: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw badRequest(`field "${field}" must be a number`);
  return parsed;
}

/** Every Bot API method the fake answers. Anything else is `404 Not Found`, as on the real server. */
export const METHODS: Record<string, MethodHandler> = {
  getMe: ({ state }) => state.bot,
  logOut: () => true,
  close: () => true,
  sendMessage: (request) => {
    const value = text(request.params.text, 'text', MAX_TEXT_LENGTH, true) ?? '';
    return newMessage(request, { text: value, ...commandEntities(value) });
  },
  sendPhoto: sendMedia('photo'),
  sendDocument: sendMedia('document'),
  sendAudio: sendMedia('audio'),
  sendVoice: sendMedia('voice'),
  sendVideo: sendMedia('video'),
  sendAnimation: sendMedia('animation'),
  sendVideoNote: sendMedia('video_note'),
  sendSticker: sendMedia('sticker'),
  sendLocation: (request) =>
    newMessage(request, {
      location: {
        latitude: number(request.params.latitude, 'latitude'),
        longitude: number(request.params.longitude, 'longitude'),
      },
    }),
  sendVenue: (request) => {
    const location = {
      latitude: number(request.params.latitude, 'latitude'),
      longitude: number(request.params.longitude, 'longitude'),
    };
    const venue = { location, title: String(request.params.title), address: String(request.params.address) };
    return newMessage(request, { venue, location });
  },
  sendContact: (request) =>
    newMessage(request, {
      contact: {
        phone_number: String(request.params.phone_number),
        first_name: String(request.params.first_name),
        ...(request.params.last_name !== undefined && { last_name: String(request.params.last_name) }),
      },
    }),
  sendPoll: (request) => {
    const options = request.params.options;
    if (!Array.isArray(options) || options.length < 2) throw badRequest('poll must have at least 2 option');
    return newMessage(request, {
      poll: {
        id: String(Date.now()),
        question: String(request.params.question),
        options: options.map((option) => ({ text: String(option), voter_count: 0 })),
        total_voter_count: 0,
        is_closed: false,
        is_anonymous: request.params.is_anonymous !== false,
        type: request.params.type === 'quiz' ? 'quiz' : 'regular',
        allows_multiple_answers: request.params.allows_multiple_answers === true,
      },
    });
  },
  sendDice: (request) =>
    newMessage(request, {
      dice: { emoji: String(request.params.emoji ?? '🎲'), value: 1 + Math.floor(Math.random() * 6) },
    }),
  sendMediaGroup: (request) => {
    const media = request.params.media;
    if (!Array.isArray(media) || media.length < 2 || media.length > 10) {
      throw badRequest('wrong number of messages in the media group, must be 2-10');
    }
    const groupId = String(Date.now()) + String(Math.floor(Math.random() * 1000));
    return media.map((item: { type?: unknown; media?: unknown; caption?: unknown }, index) => {
      const type = String(item.type);
      const input = mediaInput(request, item.media, `media[${index}]`);
      if (!input) throw badRequest(`there is no media in the request for item ${index}`);
      return newMessage(request, {
        media_group_id: groupId,
        ...mediaContent(request, type, input),
        ...(item.caption !== undefined && { caption: String(item.caption) }),
      });
    });
  },
  copyMessage: (request) => ({ message_id: copy(request, request.params.message_id).message_id }),
  copyMessages: (request) =>
    messageIds(request.params.message_ids).map((id) => ({ message_id: copy(request, id).message_id })),
  forwardMessage: (request) => forward(request, request.params.message_id),
  forwardMessages: (request) =>
    messageIds(request.params.message_ids).map((id) => ({ message_id: forward(request, id).message_id })),
  editMessageText: (request) =>
    edit(request, () => {
      const value = text(request.params.text, 'text', MAX_TEXT_LENGTH, true) ?? '';
      return { text: value };
    }),
  editMessageCaption: (request) =>
    edit(request, (message) => {
      if (!('caption' in message) && !CONTENT_FIELDS.slice(3).some((field) => field in message)) {
        throw badRequest('there is no caption in the message to edit');
      }
      return { caption: text(request.params.caption, 'caption', MAX_CAPTION_LENGTH, false) };
    }),
  editMessageMedia: (request) =>
    edit(request, (message) => {
      const media = request.params.media as
        | { type?: unknown; media?: unknown; caption?: unknown }
        | undefined;
      const input = mediaInput(request, media?.media, 'media');
      if (!media || !input) throw badRequest('there is no media in the request');
      const previous = Object.fromEntries(CONTENT_FIELDS.slice(3).map((field) => [field, undefined]));
      return {
        ...previous,
        ...(message.caption !== undefined && { caption: undefined }),
        ...mediaContent(request, String(media.type), input),
        ...(media.caption !== undefined && { caption: String(media.caption) }),
      };
    }),
  editMessageReplyMarkup: (request) => edit(request, () => ({})),
  editMessageLiveLocation: (request) =>
    edit(request, () => ({
      location: {
        latitude: number(request.params.latitude, 'latitude'),
        longitude: number(request.params.longitude, 'longitude'),
      },
    })),
  stopMessageLiveLocation: (request) => edit(request, (message) => ({ location: message.location })),
  deleteMessage: (request) => {
    const chat = request.state.chat(request.params.chat_id);
    if (!request.state.forget(chat.id, request.params.message_id)) {
      throw badRequest('message to delete not found');
    }
    return true;
  },
  deleteMessages: (request) => {
    const chat = request.state.chat(request.params.chat_id);
    for (const id of messageIds(request.params.message_ids)) request.state.forget(chat.id, id);
    return true;
  },
  sendChatAction: (request) => {
    request.state.chat(request.params.chat_id);
    if (typeof request.params.action !== 'string') throw badRequest('wrong parameter action in request');
    return true;
  },
  answerCallbackQuery: (request) => {
    if (typeof request.params.callback_query_id !== 'string')
      throw badRequest('query is too old and response timeout expired or query ID is invalid');
    return true;
  },
  setMessageReaction: () => true,
  pinChatMessage: (request) => {
    existing(request, 'pin');
    return true;
  },
  unpinChatMessage: () => true,
  getChat: (request) => request.state.chat(request.params.chat_id),
  getFile: (request) => {
    const fileId = request.params.file_id;
    if (typeof fileId !== 'string' || fileId === '') throw badRequest('invalid file_id');
    return {
      file_id: fileId,
      file_unique_id: `AQAD${fileId.slice(-8)}`,
      file_size: 48_213,
      file_path: 'photos/file_0.jpg',
    };
  },
  setMyCommands: () => true,
  deleteMyCommands: () => true,
  getMyCommands: () => [],
  leaveChat: () => true,
};
