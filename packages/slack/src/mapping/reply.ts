import type { BotReply, BotReplyButton, BotReplyCard, BotReplyMessage } from '@bothooks/core';
import { JsonApiRenderError } from '@bothooks/core/adapter';

/** One Slack message: the notification (fallback) text and its Block Kit blocks. */
export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

/** Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  messageText: 40_000,
  buttonsPerActions: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  altText: 2000,
  /** A `response_url` takes five answers within 30 minutes. */
  responsesPerUrl: 5,
} as const;

/** The `action_id`s of rendered buttons start with this: route them with `app.action(/^bothooks_/, ...)`. */
export const ACTION_PREFIX = 'bothooks_';

/** Text in `mrkdwn`, where `&`, `<` and `>` are control characters (https://docs.slack.dev/messaging/formatting-message-text). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts a long text into section-sized pieces, at a line break or a space when there is one. */
function pieces(text: string, size: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const window = rest.slice(0, size);
    const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const at = cut > size / 2 ? cut : size;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^[\n ]/, '');
  }
  if (rest !== '') parts.push(rest);
  return parts;
}

function section(text: string): Record<string, unknown> {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function checkLength(value: string, limit: number, what: string): void {
  if (value.length > limit) {
    throw new JsonApiRenderError(`${what} has ${value.length} characters; Slack shows at most ${limit}`);
  }
}

function button(
  title: string,
  path: string,
  action: { value?: string; url?: string; id: string },
): Record<string, unknown> {
  if (title.trim() === '')
    throw new JsonApiRenderError(`${path} has an empty title, which Slack cannot show`);
  checkLength(title, SLACK_LIMITS.buttonText, `${path}'s title`);
  if (action.value !== undefined) checkLength(action.value, SLACK_LIMITS.buttonValue, `${path}'s value`);
  if (action.url !== undefined) checkLength(action.url, SLACK_LIMITS.url, `${path}'s url`);
  return {
    type: 'button',
    text: { type: 'plain_text', text: title, emoji: true },
    action_id: `${ACTION_PREFIX}${action.id}`,
    ...(action.url !== undefined && { url: action.url }),
    ...(action.value !== undefined && { value: action.value }),
  };
}

function actions(
  blockId: string,
  elements: Record<string, unknown>[],
  path: string,
): Record<string, unknown> {
  if (elements.length > SLACK_LIMITS.buttonsPerActions) {
    throw new JsonApiRenderError(
      `${path} has ${elements.length} buttons; Slack shows at most ${SLACK_LIMITS.buttonsPerActions} in a row`,
    );
  }
  return { type: 'actions', block_id: blockId, elements };
}

function cardButtons(buttons: BotReplyButton[], path: string): Record<string, unknown>[] {
  return buttons.map((entry, index) =>
    button(entry.title, `${path}.buttons[${index}]`, {
      id: entry.url !== undefined ? `link_${index}` : `card_${index}`,
      ...(entry.url !== undefined ? { url: entry.url } : { value: entry.value ?? entry.title }),
    }),
  );
}

/** A card: a section with its title (bold) and subtitle and the image as accessory, then its buttons. */
function cardBlocks(card: BotReplyCard, path: string): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  const lines = [
    card.title !== undefined ? `*${escapeMrkdwn(card.title)}*` : undefined,
    card.subtitle && escapeMrkdwn(card.subtitle),
  ].filter((line): line is string => line !== undefined && line !== '' && line !== '**');
  const alt = card.title ?? card.subtitle ?? 'image';
  if (card.imageUrl !== undefined) {
    checkLength(card.imageUrl, SLACK_LIMITS.url, `${path}.imageUrl`);
    checkLength(alt, SLACK_LIMITS.altText, `${path}'s image description`);
  }
  const image =
    card.imageUrl !== undefined ? { type: 'image', image_url: card.imageUrl, alt_text: alt } : undefined;
  if (lines.length > 0) {
    const text = lines.join('\n');
    checkLength(text, SLACK_LIMITS.sectionText, `${path}'s title and subtitle`);
    blocks.push({ ...section(text), ...(image && { accessory: image }) });
  } else if (image) {
    blocks.push(image);
  }
  if (card.buttons && card.buttons.length > 0) {
    blocks.push(actions('bothooks_card', cardButtons(card.buttons, `${path}.card`), `${path}.card`));
  }
  return blocks;
}

function renderMessage(message: BotReplyMessage, path: string): SlackMessage {
  const blocks: Record<string, unknown>[] = [];
  const text = message.text !== undefined ? escapeMrkdwn(message.text) : undefined;
  if (text !== undefined) {
    checkLength(text, SLACK_LIMITS.messageText, `${path}.text`);
    for (const piece of pieces(text, SLACK_LIMITS.sectionText)) blocks.push(section(piece));
  }
  if (message.card) blocks.push(...cardBlocks(message.card, path));
  if (message.quickReplies && message.quickReplies.length > 0) {
    const replies = message.quickReplies.map((reply, index) =>
      button(reply, `${path}.quickReplies[${index}]`, { id: `reply_${index}`, value: reply }),
    );
    blocks.push(actions('bothooks_replies', replies, `${path}.quickReplies`));
  }
  if (blocks.length > SLACK_LIMITS.blocksPerMessage) {
    throw new JsonApiRenderError(
      `${path} needs ${blocks.length} blocks; a Slack message holds at most ${SLACK_LIMITS.blocksPerMessage}`,
    );
  }
  // The notification text: what Slack shows in notifications and to screen readers, and where blocks cannot render.
  const fallback =
    text ??
    (message.card?.title !== undefined ? escapeMrkdwn(message.card.title) : undefined) ??
    'New message';
  return { text: fallback, blocks };
}

/**
 * Renders a JSON API reply as Slack messages, one per reply message, in order: the text as `mrkdwn` sections
 * (cut at 3,000 characters, Slack's limit for one), a card as a section with its title and subtitle and its
 * image as the accessory, the card's buttons and the quick replies as rows of buttons whose `action_id`s start
 * with `bothooks_` (a URL button opens its link; the others send their `value` back as a `block_actions`).
 * Everything is checked before anything is sent.
 *
 * @param reply The validated reply.
 * @param options `maxMessages`: how many messages may be sent (a `response_url` takes 5).
 * @throws {JsonApiRenderError} For what Slack cannot show: a button title over 75 characters, a value over
 *   2,000, more than 25 buttons in a row, more than 50 blocks in a message, more messages than allowed.
 */
export function renderReply(reply: BotReply, options: { maxMessages?: number } = {}): SlackMessage[] {
  const max = options.maxMessages ?? Number.POSITIVE_INFINITY;
  if (reply.messages.length > max) {
    throw new JsonApiRenderError(
      `the reply has ${reply.messages.length} messages; this answer can take at most ${max}`,
    );
  }
  return reply.messages.map((message, index) => renderMessage(message, `messages[${index}]`));
}

/** The error response, or any plain text, as a Slack message. */
export function renderText(text: string): SlackMessage {
  const escaped = escapeMrkdwn(text);
  return { text: escaped, blocks: pieces(escaped, SLACK_LIMITS.sectionText).map(section) };
}
