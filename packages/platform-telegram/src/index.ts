/**
 * @module
 * The Telegram Bot API mapping of the bothooks Telegram adapters, `@bothooks/telegraf` and `@bothooks/grammy`:
 * pure functions from Bot API objects (updates, calls and their results) to the bothooks event model, written
 * once for both. Bots never install it themselves; an adapter depends on it.
 */

export type { CallScope } from './mapping/api-call';
export { failureFacts, mapApiCall, mapFailedCall } from './mapping/api-call';
export type {
  CallbackQuery as TelegramCallbackQuery,
  Chat as TelegramChat,
  InlineKeyboardMarkup as TelegramInlineKeyboardMarkup,
  Message as TelegramMessage,
  ReplyKeyboardMarkup as TelegramReplyKeyboardMarkup,
  Update as TelegramUpdate,
  User as TelegramUser,
} from './mapping/bot-api';
export { botAccount, userAccount } from './mapping/message';
export type { CallKind } from './mapping/methods';
export { callKind } from './mapping/methods';
export type { ReplyContext } from './mapping/renderer';
export { telegramRenderer } from './mapping/renderer';
export type { ReplyCall } from './mapping/reply';
export { renderReply, renderText } from './mapping/reply';
export type { MappedEvent, Participants, UpdateMappingOptions } from './mapping/update';
export { inboundEventType, mapUpdate, participantsOf } from './mapping/update';
export type { InputFileDescriber } from './mapping/uploads';
export { describeSource } from './mapping/uploads';
