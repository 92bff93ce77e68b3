import type { BotReply, BotReplyButton, BotReplyMessage } from '@bothooks/core';
import { JsonApiRenderError } from '@bothooks/core/adapter';
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';

/** What Discord accepts in one message (https://discord.com/developers/docs/resources/message). */
export const DISCORD_LIMITS = {
  /** Characters of `content`. */
  content: 2000,
  /** Action rows of one message. */
  rows: 5,
  /** Buttons of one action row. */
  buttonsPerRow: 5,
  /** Characters of a button's `custom_id`: what a press sends back. */
  customId: 100,
  /** Characters of a button's label. */
  label: 80,
  /** Characters of a link button's `url`. */
  url: 512,
  /** Characters of an embed's title. */
  embedTitle: 256,
  /** Characters of an embed's description. */
  embedDescription: 4096,
} as const;

/** Discord API `ComponentType` and `ButtonStyle` values (numbers, so the mapping needs no runtime import). */
const ACTION_ROW = 1;
const BUTTON = 2;
const Style = { Primary: 1, Secondary: 2, Link: 5 } as const;

/** One Discord message of a rendered reply, ready for `message.reply`, `channel.send` or `interaction.reply`. */
export interface DiscordReplyMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  /** Users mentioned in the text are pinged; `@everyone`, `@here` and roles never are. */
  allowedMentions: { parse: 'users'[]; repliedUser: boolean };
}

const ALLOWED_MENTIONS = { parse: ['users' as const], repliedUser: true };

/** Shortens a display text to `limit` characters, ending in `…`; never splits a surrogate pair. */
function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = limit - 1;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Splits a text into chunks of at most `limit` characters: at the last line break of each window, else at its
 * last space, else (one unbroken word) at the limit itself. The line break or space split at is dropped, and
 * chunks that would be blank are left out (Discord refuses an empty message).
 */
export function splitText(text: string, limit: number = DISCORD_LIMITS.content): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = window.lastIndexOf('\n');
    if (cut <= 0) cut = window.search(/\s\S*$/);
    if (cut > 0) {
      chunks.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    } else {
      cut = isHighSurrogate(rest.charCodeAt(limit - 1)) ? limit - 1 : limit;
      chunks.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
  }
  chunks.push(rest);
  return chunks.filter((chunk) => chunk.trim() !== '');
}

/** A button that sends `customId` back when pressed, checked against Discord's limits. */
function customIdButton(customId: string, label: string, style: number, path: string): APIButtonComponent {
  if (customId.trim() === '') {
    throw new JsonApiRenderError(`${path} is empty: a Discord button needs a label and a custom_id`);
  }
  if (customId.length > DISCORD_LIMITS.customId) {
    throw new JsonApiRenderError(
      `${path} is ${customId.length} characters: a Discord button's custom_id, which a press sends back, holds at most ${DISCORD_LIMITS.customId}`,
    );
  }
  return {
    type: BUTTON,
    style,
    label: truncate(label, DISCORD_LIMITS.label),
    custom_id: customId,
  };
}

function cardButton(button: BotReplyButton, path: string): APIButtonComponent {
  // Discord's link buttons carry no custom_id: a button with a url opens it, whatever its value.
  if (button.url !== undefined) {
    if (button.url.length > DISCORD_LIMITS.url) {
      throw new JsonApiRenderError(
        `${path}.url is ${button.url.length} characters: a Discord link button's url holds at most ${DISCORD_LIMITS.url}`,
      );
    }
    return {
      type: BUTTON,
      style: Style.Link,
      label: truncate(button.title, DISCORD_LIMITS.label),
      url: button.url,
    };
  }
  return customIdButton(button.value ?? '', button.title, Style.Primary, `${path}.value`);
}

function rowsOf(buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent>[] {
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let start = 0; start < buttons.length; start += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({
      type: ACTION_ROW,
      components: buttons.slice(start, start + DISCORD_LIMITS.buttonsPerRow),
    });
  }
  return rows;
}

/**
 * The action rows of one message: the card's buttons, then the quick replies, each group starting a row of its
 * own while that fits in 5 rows, and packed together when it does not. More than 25 buttons cannot be shown.
 */
function componentsOf(message: BotReplyMessage, path: string): APIActionRowComponent<APIButtonComponent>[] {
  const card = (message.card?.buttons ?? []).map((button, index) =>
    cardButton(button, `${path}.card.buttons[${index}]`),
  );
  const quick = (message.quickReplies ?? []).map((reply, index) =>
    customIdButton(reply, reply, Style.Secondary, `${path}.quickReplies[${index}]`),
  );
  const all = [...card, ...quick];
  const capacity = DISCORD_LIMITS.rows * DISCORD_LIMITS.buttonsPerRow;
  if (all.length > capacity) {
    throw new JsonApiRenderError(
      `${path} has ${all.length} buttons (${card.length} on the card, ${quick.length} quick replies): a Discord message holds at most ${capacity}, ${DISCORD_LIMITS.buttonsPerRow} in each of ${DISCORD_LIMITS.rows} rows`,
    );
  }
  const seen = new Set<string>();
  for (const button of all) {
    if (!('custom_id' in button)) continue;
    if (seen.has(button.custom_id)) {
      throw new JsonApiRenderError(
        `${path} has two buttons with the value ${JSON.stringify(button.custom_id)}: the custom_ids of a Discord message must differ`,
      );
    }
    seen.add(button.custom_id);
  }
  const grouped = [...rowsOf(card), ...rowsOf(quick)];
  return grouped.length <= DISCORD_LIMITS.rows ? grouped : rowsOf(all);
}

function embedOf(message: BotReplyMessage): APIEmbed | undefined {
  const card = message.card;
  if (!card || (card.title === undefined && card.subtitle === undefined && card.imageUrl === undefined)) {
    return undefined;
  }
  return {
    ...(card.title !== undefined && { title: truncate(card.title, DISCORD_LIMITS.embedTitle) }),
    ...(card.subtitle !== undefined && {
      description: truncate(card.subtitle, DISCORD_LIMITS.embedDescription),
    }),
    ...(card.imageUrl !== undefined && { image: { url: card.imageUrl } }),
  };
}

/** The Discord messages of one reply message: its text (split when long), the last one with embed and buttons. */
function renderMessage(message: BotReplyMessage, path: string): DiscordReplyMessage[] {
  const chunks = splitText(message.text ?? '');
  const embed = embedOf(message);
  const components = componentsOf(message, path);
  if (chunks.length === 0 && !embed && components.length === 0) {
    throw new JsonApiRenderError(`${path} has nothing to show: Discord cannot send an empty message`);
  }
  const last: DiscordReplyMessage = {
    ...(chunks.length > 0 && { content: chunks.at(-1) }),
    ...(embed && { embeds: [embed] }),
    ...(components.length > 0 && { components }),
    allowedMentions: ALLOWED_MENTIONS,
  };
  return [...chunks.slice(0, -1).map((content) => ({ content, allowedMentions: ALLOWED_MENTIONS })), last];
}

/**
 * A JSON API reply as Discord messages, in order: each reply message becomes one Discord message (more when its
 * text is over 2,000 characters: split, the embed and buttons on the last part), with
 * - `text` as the content;
 * - `card` as an embed (title, subtitle as the description, image), titles and labels shortened with `…` to fit;
 * - the card's buttons as buttons: a `url` as a link button, a `value` as a button whose custom_id is the value;
 * - `quickReplies` as buttons whose label and custom_id are the reply;
 * buttons in action rows of 5, at most 5 rows.
 *
 * @throws {JsonApiRenderError} For what Discord cannot show, before anything is sent: more than 25 buttons on a
 *   message, a value or quick reply over 100 characters (or empty), two buttons with the same value, a link over
 *   512 characters, a message with nothing in it.
 */
export function renderReply(reply: BotReply): DiscordReplyMessage[] {
  return reply.messages.flatMap((message, index) => renderMessage(message, `messages[${index}]`));
}

/** A plain text (the `errorResponse`) as Discord messages. */
export function renderText(text: string): DiscordReplyMessage[] {
  return splitText(text).map((content) => ({ content, allowedMentions: ALLOWED_MENTIONS }));
}
