import type {
  Account,
  Attachment,
  Conversation,
  Message as EventMessage,
  MessageEventData,
  MessageFailure,
} from '@bothooks/core';
import { type FailureFacts, OPERATION_EVENT_TYPES } from '@bothooks/core/adapter';
import type { Message } from './bot-api';
import { chatAccount, conversationOf, messageOf, threadIdOf, userAccount } from './message';
import { type CallKind, callKind } from './methods';
import type { MappedEvent } from './update';
import { describeUploads, type InputFileDescriber } from './uploads';

/** Where an outbound call was made. */
export interface CallScope {
  /** The bot making the call. */
  bot: Account;
  /** The update being handled when the call was made; absent for calls outside any update (broadcasts, cron). */
  turn?: { conversation?: Conversation; user?: Account } | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isMessage(value: unknown): value is Message {
  return (
    isObject(value) &&
    typeof value.message_id === 'number' &&
    isObject(value.chat) &&
    typeof value.date === 'number'
  );
}

function isMessageId(value: unknown): value is { message_id: number } {
  return isObject(value) && typeof value.message_id === 'number';
}

function idString(value: unknown): string | undefined {
  return typeof value === 'number' || (typeof value === 'string' && value !== '') ? String(value) : undefined;
}

/**
 * The conversation a call addressed when its result does not say: the update's own conversation when the call
 * went there, otherwise the `chat_id` (positive ids are always private chats with users).
 */
function addressedConversation(payload: Record<string, unknown>, scope: CallScope): Conversation {
  const chatId = idString(payload.chat_id);
  const threadId = idString(payload.message_thread_id);
  if (chatId === undefined) {
    const inline = idString(payload.inline_message_id);
    return { id: inline ?? 'unknown', type: inline === undefined ? 'unknown' : 'inline', isGroup: false };
  }
  const current = scope.turn?.conversation;
  if (current?.id === chatId) {
    const { threadId: _threadId, ...rest } = current;
    return { ...rest, ...(threadId !== undefined && { threadId }) };
  }
  return {
    id: chatId,
    ...(/^\d+$/.test(chatId) && { type: 'private', isGroup: false }),
    ...(threadId !== undefined && { threadId }),
  };
}

/** The human on the other side: the update's user when the call went to the update's conversation. */
function counterpart(
  conversation: Conversation,
  message: Message | undefined,
  scope: CallScope,
): Account | undefined {
  const turn = scope.turn;
  if (turn?.user && turn.conversation?.id === conversation.id) return turn.user;
  if (message?.chat.type === 'private') return chatAccount(message.chat);
  // Telegram gives users positive ids and groups and channels negative ones.
  if (/^\d+$/.test(conversation.id)) return { id: conversation.id };
  return undefined;
}

function withUploads(attachments: Attachment[], uploads: (Attachment | undefined)[]): Attachment[] {
  const known = uploads.filter((upload): upload is Attachment => upload !== undefined);
  if (known.length === 0) return attachments;
  if (attachments.length === 0) return known;
  return attachments.map((attachment) => {
    const upload = known.find((candidate) => candidate.type === attachment.type);
    if (!upload) return attachment;
    return {
      ...attachment,
      ...(attachment.name === undefined && upload.name !== undefined && { name: upload.name }),
      ...(attachment.size === undefined && upload.size !== undefined && { size: upload.size }),
    };
  });
}

/** The message as far as the call's parameters tell, for results that do not carry it. */
function messageFromPayload(
  kind: CallKind,
  payload: Record<string, unknown>,
  uploads: (Attachment | undefined)[],
): EventMessage {
  const id =
    kind === 'send' ? undefined : (idString(payload.message_id) ?? idString(payload.inline_message_id));
  const text =
    typeof payload.text === 'string'
      ? payload.text
      : typeof payload.caption === 'string'
        ? payload.caption
        : undefined;
  const reply = isObject(payload.reply_parameters)
    ? payload.reply_parameters.message_id
    : payload.reply_to_message_id;
  const replyToId = kind === 'send' ? idString(reply) : undefined;
  return {
    ...(id !== undefined && { id }),
    ...(text !== undefined && { text }),
    attachments: withUploads([], uploads),
    ...(replyToId !== undefined && { replyToId }),
  };
}

function eventData(
  conversation: Conversation,
  message: EventMessage,
  source: Message | undefined,
  scope: CallScope,
): MessageEventData {
  const user = counterpart(conversation, source, scope);
  const from = source?.from;
  // Before `botInfo` is known only the bot's id is; a message the bot sent names it fully.
  const bot = scope.bot.name === undefined && from?.is_bot ? userAccount(from) : scope.bot;
  return {
    platform: 'telegram',
    direction: 'outbound',
    bot,
    conversation,
    ...(user !== undefined && { user }),
    message,
  };
}

function fromResult(
  item: unknown,
  index: number,
  method: string,
  payload: Record<string, unknown>,
  uploads: (Attachment | undefined)[],
  scope: CallScope,
): MessageEventData {
  const kind = callKind(method) ?? 'send';
  const itemUploads = method === 'sendMediaGroup' ? [uploads[index]] : uploads;
  if (isMessage(item)) {
    const message = messageOf(item);
    return eventData(
      conversationOf(item.chat, threadIdOf(item)),
      { ...message, attachments: withUploads(message.attachments, itemUploads) },
      item,
      scope,
    );
  }
  const conversation = addressedConversation(payload, scope);
  // Copies return only the new message's id; the content is the original's, which the call does not carry.
  if (isMessageId(item)) {
    const caption = typeof payload.caption === 'string' ? payload.caption : undefined;
    return eventData(
      conversation,
      { id: String(item.message_id), ...(caption !== undefined && { text: caption }), attachments: [] },
      undefined,
      scope,
    );
  }
  return eventData(conversation, messageFromPayload(kind, payload, itemUploads), undefined, scope);
}

/**
 * Maps a successful outbound call to its events: one `message.sent` per message sent (a media group sends
 * several), `message.edited` for edits, `message.deleted` for deletes (`message.ids` for `deleteMessages`).
 * Results that carry the message (`Message`) are used as they are; `true` (webhook replies, inline messages) and
 * `{ message_id }` (copies) are completed from the call's parameters. Calls that are not about messages map to nothing.
 *
 * @param method The Bot API method.
 * @param payload The call's parameters, as the bot gave them (uploads included, never read).
 * @param result What the Bot API answered (`result`).
 * @param scope The bot, and the update being handled when the call was made.
 * @param describeInputFile How the framework's upload objects are described.
 * @returns The events, in the order of the messages.
 * @example
 * ```ts
 * mapApiCall('sendMessage', { chat_id: 42, text: 'Hi' }, message, { bot }, describeTelegrafFile);
 * ```
 */
export function mapApiCall(
  method: string,
  payload: unknown,
  result: unknown,
  scope: CallScope,
  describeInputFile: InputFileDescriber,
): MappedEvent[] {
  const kind = callKind(method);
  if (!kind) return [];
  const parameters = isObject(payload) ? payload : {};
  const type = OPERATION_EVENT_TYPES[kind];
  if (kind === 'delete') {
    const conversation = addressedConversation(parameters, scope);
    const ids = Array.isArray(parameters.message_ids)
      ? parameters.message_ids.map(idString).filter((id) => id !== undefined)
      : undefined;
    const id = idString(parameters.message_id);
    const message: EventMessage = {
      ...(id !== undefined && { id }),
      ...(ids !== undefined && { ids }),
      attachments: [],
    };
    return [{ type, data: eventData(conversation, message, undefined, scope) }];
  }
  const uploads = describeUploads(method, parameters, describeInputFile);
  const items = Array.isArray(result) ? result : [result];
  return items.map((item, index) => ({
    type,
    data: fromResult(item, index, method, parameters, uploads, scope),
  }));
}

function errorAnswerOf(error: unknown): Record<string, unknown> | undefined {
  if (!isObject(error)) return undefined;
  if (typeof error.error_code === 'number') return error;
  return isObject(error.response) && typeof error.response.error_code === 'number'
    ? error.response
    : undefined;
}

/**
 * What a failed call's error says beyond its message, for the kit's `describeFailure`: the Bot API's error answer
 * (`{ ok: false, error_code, description }`, itself or as an error's `response`, as Telegraf's `TelegramError` has
 * it; grammY's `GrammyError` copies its fields), as the HTTP status and the description. Every message names the
 * method, so a receiver knows what was refused.
 *
 * @param method The Bot API method that failed.
 * @param error The error answer, or what the framework rejected with.
 * @returns The status and the message for `describeFailure`.
 * @example
 * ```ts
 * failureFacts('sendMessage', { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
 * // { status: 403, message: 'Forbidden: bot was blocked by the user (sendMessage)' }
 * ```
 */
export function failureFacts(method: string, error: unknown): FailureFacts {
  const response = errorAnswerOf(error);
  if (response && typeof response.error_code === 'number') {
    const status = response.error_code;
    const description = typeof response.description === 'string' ? response.description : `error ${status}`;
    return { status, message: `${description} (${method})` };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { message: `${text} (${method})` };
}

/**
 * Maps a refused or failed outbound call to `message.failed`: what the call tried to send, edit or delete (from its
 * parameters) and `failure`, why it failed (see {@link failureFacts}). Calls that are not about messages map to
 * nothing.
 *
 * @param method The Bot API method.
 * @param payload The call's parameters.
 * @param failure The kit's description of the failure (`describeFailure` with {@link failureFacts}).
 * @param scope The bot, and the update being handled when the call was made.
 * @param describeInputFile How the framework's upload objects are described.
 * @returns The `message.failed` event, or `undefined` for calls that are not about messages.
 * @example
 * ```ts
 * mapFailedCall('sendMessage', payload, describeFailure('send', error, failureFacts('sendMessage', error)), { bot }, describe);
 * ```
 */
export function mapFailedCall(
  method: string,
  payload: unknown,
  failure: MessageFailure,
  scope: CallScope,
  describeInputFile: InputFileDescriber,
): MappedEvent | undefined {
  const kind = callKind(method);
  if (!kind) return undefined;
  const parameters = isObject(payload) ? payload : {};
  const conversation = addressedConversation(parameters, scope);
  const message = messageFromPayload(
    kind,
    parameters,
    describeUploads(method, parameters, describeInputFile),
  );
  const ids = Array.isArray(parameters.message_ids)
    ? parameters.message_ids.map(idString).filter((id) => id !== undefined)
    : undefined;
  return {
    type: 'message.failed',
    data: {
      ...eventData(conversation, { ...message, ...(ids !== undefined && { ids }) }, undefined, scope),
      error: failure,
    },
  };
}
