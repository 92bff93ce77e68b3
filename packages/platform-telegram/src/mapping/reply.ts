import type { BotReply, BotReplyButton, BotReplyCard } from '@bothooks/core';
import { JsonApiRenderError } from '@bothooks/core/adapter';
import type { InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup } from './bot-api';

/** The longest text message Telegram accepts. */
export const TEXT_LIMIT = 4096;
/** The longest caption of a photo. */
export const CAPTION_LIMIT = 1024;
/** The most bytes of `callback_data` a button may carry. */
export const CALLBACK_DATA_LIMIT = 64;
/**
 * The longest label bothooks puts on an inline button. The Bot API sets no limit, but clients show a few dozen
 * characters at most and cut the rest out of the middle; a longer title is cut here, with an ellipsis.
 */
export const BUTTON_LABEL_LIMIT = 64;
/** Quick replies per row of the reply keyboard. */
const QUICK_REPLIES_PER_ROW = 3;

type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup;

/**
 * One Bot API call that shows part of a reply, addressed to the conversation by the framework (`ctx.reply(text,
 * options)`, `ctx.replyWithPhoto(photo, options)`, which add the chat and the forum topic).
 */
export type ReplyCall =
  | { method: 'sendMessage'; text: string; options: { reply_markup?: ReplyMarkup } }
  | { method: 'sendPhoto'; photo: string; options: { caption?: string; reply_markup?: ReplyMarkup } };

function refuse(path: string, reason: string): never {
  throw new JsonApiRenderError(`${path} cannot be shown on Telegram: ${reason}`);
}

function isBlank(text: string | undefined): text is undefined {
  return text === undefined || text.trim() === '';
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Splits a text into messages of at most `limit` characters: at the last line break of each part, else at its
 * last space, else where the limit falls (never inside a character made of two UTF-16 units). Nothing is lost:
 * only the line break or space the text is split at is left out.
 *
 * @param text The text.
 * @param limit The longest part. @default TEXT_LIMIT
 * @returns The parts, in order.
 * @example
 * ```ts
 * splitText('a'.repeat(5_000)).map((part) => part.length); // [4096, 904]
 * ```
 */
export function splitText(text: string, limit = TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    // A break only counts in the second half: splitting a long paragraph early would make many tiny messages.
    const lineBreak = window.lastIndexOf('\n');
    const space = window.lastIndexOf(' ');
    const breakAt = lineBreak > limit / 2 ? lineBreak : space > limit / 2 ? space : -1;
    if (breakAt > 0) {
      parts.push(rest.slice(0, breakAt));
      rest = rest.slice(breakAt + 1);
      continue;
    }
    const cut = isHighSurrogate(rest.charCodeAt(limit - 1)) ? limit - 1 : limit;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest !== '' || parts.length === 0) parts.push(rest);
  return parts;
}

function label(title: string): string {
  const characters = [...title.trim()];
  return characters.length <= BUTTON_LABEL_LIMIT
    ? characters.join('')
    : `${characters.slice(0, BUTTON_LABEL_LIMIT - 1).join('')}…`;
}

function inlineButton(button: BotReplyButton, path: string): InlineKeyboardButton {
  if (isBlank(button.title)) refuse(`${path}.title`, 'a button needs a label');
  const text = label(button.title);
  // A button both opens a link and sends a value elsewhere; Telegram's buttons do one thing: the link.
  if (button.url !== undefined) return { text, url: button.url };
  const value = button.value ?? '';
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes === 0) refuse(`${path}.value`, 'callback data must not be empty');
  if (bytes > CALLBACK_DATA_LIMIT) {
    refuse(`${path}.value`, `callback data is ${bytes} bytes, Telegram allows ${CALLBACK_DATA_LIMIT}`);
  }
  return { text, callback_data: value };
}

function inlineKeyboard(card: BotReplyCard, path: string): InlineKeyboardMarkup | undefined {
  const buttons = card.buttons ?? [];
  if (buttons.length === 0) return undefined;
  // One button a row, as a card lists its actions.
  return {
    inline_keyboard: buttons.map((button, index) => [inlineButton(button, `${path}.buttons[${index}]`)]),
  };
}

function replyKeyboard(quickReplies: string[], path: string): ReplyKeyboardMarkup {
  const keys = quickReplies.map((reply, index) => {
    // The button sends its text back as the user's message: it is not cut, only refused when there is none.
    if (isBlank(reply)) refuse(`${path}[${index}]`, 'a quick reply needs a text');
    return { text: reply };
  });
  const keyboard: { text: string }[][] = [];
  for (let index = 0; index < keys.length; index += QUICK_REPLIES_PER_ROW) {
    keyboard.push(keys.slice(index, index + QUICK_REPLIES_PER_ROW));
  }
  return { keyboard, one_time_keyboard: true, resize_keyboard: true };
}

function textCalls(text: string, markup?: ReplyMarkup): ReplyCall[] {
  const parts = splitText(text);
  return parts.map((part, index) => ({
    method: 'sendMessage',
    text: part,
    options: index === parts.length - 1 && markup ? { reply_markup: markup } : {},
  }));
}

function cardCalls(card: BotReplyCard, path: string, textBefore: ReplyCall | undefined): ReplyCall[] {
  const keyboard = inlineKeyboard(card, path);
  const lines = [card.title, card.subtitle].filter((line): line is string => !isBlank(line));
  const text = lines.join('\n');
  if (card.imageUrl !== undefined) {
    if (text.length <= CAPTION_LIMIT) {
      const options = {
        ...(text !== '' && { caption: text }),
        ...(keyboard && { reply_markup: keyboard }),
      };
      return [{ method: 'sendPhoto', photo: card.imageUrl, options }];
    }
    // Too long for a caption: the photo, then the whole text under it, with the buttons.
    return [{ method: 'sendPhoto', photo: card.imageUrl, options: {} }, ...textCalls(text, keyboard)];
  }
  if (text !== '') return textCalls(text, keyboard);
  // Buttons alone: Telegram shows buttons under a message, so under the message's own text.
  if (keyboard && textBefore && textBefore.options.reply_markup === undefined) {
    textBefore.options.reply_markup = keyboard;
    return [];
  }
  return refuse(
    path,
    'a card needs a title, a subtitle or an image (or its message a text) to carry its buttons',
  );
}

/**
 * Renders a JSON API reply as the Bot API calls that show it, in order, or refuses it before anything is sent.
 * Each message of the reply becomes its text (split into messages of at most 4096 characters) and then its card:
 * a photo with the title and subtitle as its caption (at most 1024 characters; a longer one follows the photo as
 * text) and the buttons as an inline keyboard, one a row — URL buttons, and callback buttons whose `callback_data`
 * is the button's `value` (at most 64 bytes) — or, without an image, the title and subtitle as a text message with
 * the buttons. Quick replies become a one-time reply keyboard on the message's last call without buttons (or an
 * earlier one of the reply). Button labels longer than 64 characters are cut, with an ellipsis.
 *
 * @param reply The validated reply (`hooks.request()` returns it).
 * @returns The calls to make, in order: `sendMessage` and `sendPhoto`.
 * @throws {JsonApiRenderError} For what Telegram cannot show: callback data over 64 bytes or empty, a button or
 *   quick reply without a label, a card with nothing to carry its buttons, quick replies with no message to
 *   carry them, a message that shows nothing.
 * @example
 * ```ts
 * for (const call of renderReply(reply)) {
 *   if (call.method === 'sendMessage') await context.reply(call.text, call.options);
 *   else await context.replyWithPhoto(call.photo, call.options);
 * }
 * ```
 */
export function renderReply(reply: BotReply): ReplyCall[] {
  const calls: ReplyCall[] = [];
  reply.messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    const own: ReplyCall[] = isBlank(message.text) ? [] : textCalls(message.text);
    if (message.card) own.push(...cardCalls(message.card, `${path}.card`, own.at(-1)));
    if (own.length === 0) refuse(path, 'it has no text and no card to show');
    if (message.quickReplies && message.quickReplies.length > 0) {
      const keyboard = replyKeyboard(message.quickReplies, `${path}.quickReplies`);
      const carrier =
        own.findLast((call) => call.options.reply_markup === undefined) ??
        calls.findLast((call) => call.options.reply_markup === undefined);
      if (!carrier) {
        refuse(
          `${path}.quickReplies`,
          'every message of the reply already carries buttons, and Telegram shows one keyboard a message',
        );
      }
      carrier.options.reply_markup = keyboard;
    }
    calls.push(...own);
  });
  return calls;
}

/**
 * A plain text (the `errorResponse`) as the messages that show it, split at 4096 characters.
 *
 * @param text The text.
 * @returns The `sendMessage` calls.
 * @example
 * ```ts
 * renderText('Sorry, the shop is not answering right now.');
 * ```
 */
export function renderText(text: string): ReplyCall[] {
  return textCalls(text);
}
