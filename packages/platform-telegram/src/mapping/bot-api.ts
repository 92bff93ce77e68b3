/**
 * The parts of the Telegram Bot API objects that the mapping reads, as the Bot API reference defines them
 * (https://core.telegram.org/bots/api). Only what is read is declared, and every field a message may lack is
 * optional, so the full types of any framework (Telegraf's `telegraf/types`, grammY's `grammy/types`) are
 * assignable to these: the mapping depends on the Bot API, not on a framework.
 */

/** A user or bot (`User`). */
export interface User {
  id: number;
  is_bot?: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** A private chat, group, supergroup or channel (`Chat`). */
export interface Chat {
  id: number;
  /** `private`, `group`, `supergroup` or `channel`. */
  type: string;
  title?: string;
  first_name?: string;
  last_name?: string;
  username?: string;
}

/** A part of a text with a meaning of its own (`MessageEntity`): here, the `bot_command` a text starts with. */
export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
}

/** The fields every file of a message has (`PhotoSize`, `Document`, `Audio`, `Video`, ...). */
export interface FileFields {
  file_id: string;
  file_size?: number;
  file_name?: string;
  mime_type?: string;
}

export interface Location {
  latitude: number;
  longitude: number;
}

/**
 * A message (`Message`), or one the bot can no longer see (`InaccessibleMessage`: only `chat`, `message_id` and
 * `date: 0`).
 */
export interface Message {
  message_id: number;
  date: number;
  chat: Chat;
  from?: User;
  sender_chat?: Chat;
  message_thread_id?: number;
  is_topic_message?: boolean;
  reply_to_message?: { message_id: number };
  edit_date?: number;
  text?: string;
  caption?: string;
  entities?: MessageEntity[];
  photo?: FileFields[];
  animation?: FileFields;
  document?: FileFields;
  audio?: FileFields & { title?: string };
  video?: FileFields;
  video_note?: FileFields;
  voice?: FileFields;
  sticker?: FileFields & { emoji?: string };
  venue?: { title: string; address: string; location: Location };
  location?: Location;
  contact?: { first_name: string; last_name?: string };
  poll?: { question: string };
  dice?: { emoji: string; value: number };
  game?: { title: string };
  invoice?: { title: string };
  story?: object;
}

/** A button press on an inline keyboard (`CallbackQuery`). */
export interface CallbackQuery {
  id: string;
  from: User;
  message?: Message;
  inline_message_id?: string;
  chat_instance: string;
  data?: string;
  game_short_name?: string;
}

/** An incoming update (`Update`): the kinds the mapping reports; every other kind is only looked through. */
export interface Update {
  update_id: number;
  message?: Message;
  edited_message?: Message;
  channel_post?: Message;
  edited_channel_post?: Message;
  callback_query?: CallbackQuery;
}

/** A button under a message (`InlineKeyboardButton`): it opens a URL, or sends `callback_data` back to the bot. */
export type InlineKeyboardButton = { text: string; url: string } | { text: string; callback_data: string };

/** Buttons under a message (`InlineKeyboardMarkup`), in rows. */
export interface InlineKeyboardMarkup {
  inline_keyboard: InlineKeyboardButton[][];
}

/** A keyboard that replaces the user's (`ReplyKeyboardMarkup`): pressing a button sends its text as a message. */
export interface ReplyKeyboardMarkup {
  keyboard: { text: string }[][];
  one_time_keyboard: boolean;
  resize_keyboard: boolean;
}
