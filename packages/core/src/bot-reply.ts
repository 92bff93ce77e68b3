import { JsonApiError } from './errors';
import type { MessageEventData, WebhookEvent } from './event';

/** A button on a card: opens `url`, or sends `value` back to the bot. */
export interface BotReplyButton {
  title: string;
  url?: string;
  value?: string;
}

/** A card: a hero card (Bot Framework), a photo with caption and inline buttons (Telegram), an embed (Discord). */
export interface BotReplyCard {
  title?: string;
  subtitle?: string;
  imageUrl?: string;
  buttons?: BotReplyButton[];
}

/** One message of a reply. */
export interface BotReplyMessage {
  text?: string;
  /** Suggested answers shown as quick-reply buttons. */
  quickReplies?: string[];
  card?: BotReplyCard;
}

/** The reply of a JSON API endpoint, normalised: what the adapters render in the conversation. */
export interface BotReply {
  messages: BotReplyMessage[];
  /** User attributes the endpoint wants the bot to remember. */
  attributes?: Record<string, unknown>;
}

const MAX_MESSAGES = 50;
const MAX_BUTTONS = 25;

function invalid(path: string, message: string): JsonApiError {
  return new JsonApiError('INVALID_REPLY', `${path} ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(path, 'must be a string');
  return value;
}

function optionalWebUrl(value: unknown, path: string): string | undefined {
  const url = optionalString(value, path);
  if (url === undefined) return undefined;
  if (!/^https?:\/\//i.test(url)) throw invalid(path, 'must be an http(s) URL');
  return url;
}

function stringArray(value: unknown, path: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length > MAX_BUTTONS)
    throw invalid(path, `must be an array of at most ${MAX_BUTTONS} strings`);
  return value.map((entry, index) => {
    if (typeof entry !== 'string') throw invalid(`${path}[${index}]`, 'must be a string');
    return entry;
  });
}

function button(value: unknown, path: string): BotReplyButton {
  if (!isRecord(value)) throw invalid(path, 'must be an object');
  const title = optionalString(value.title, `${path}.title`);
  if (title === undefined || title === '') throw invalid(`${path}.title`, 'is required');
  const url = optionalWebUrl(value.url, `${path}.url`);
  const payload = optionalString(value.value, `${path}.value`);
  if (url === undefined && payload === undefined) throw invalid(path, 'needs a url or a value');
  return { title, ...(url !== undefined && { url }), ...(payload !== undefined && { value: payload }) };
}

function card(value: unknown, path: string): BotReplyCard {
  if (!isRecord(value)) throw invalid(path, 'must be an object');
  const title = optionalString(value.title, `${path}.title`);
  const subtitle = optionalString(value.subtitle, `${path}.subtitle`);
  const imageUrl = optionalWebUrl(value.imageUrl, `${path}.imageUrl`);
  let buttons: BotReplyButton[] | undefined;
  if (value.buttons !== undefined && value.buttons !== null) {
    if (!Array.isArray(value.buttons) || value.buttons.length > MAX_BUTTONS) {
      throw invalid(`${path}.buttons`, `must be an array of at most ${MAX_BUTTONS} buttons`);
    }
    buttons = value.buttons.map((entry, index) => button(entry, `${path}.buttons[${index}]`));
  }
  return {
    ...(title !== undefined && { title }),
    ...(subtitle !== undefined && { subtitle }),
    ...(imageUrl !== undefined && { imageUrl }),
    ...(buttons !== undefined && { buttons }),
  };
}

function attributes(value: unknown, path: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw invalid(path, 'must be an object');
  return value;
}

function parseCurrent(reply: Record<string, unknown>): BotReply {
  if (!Array.isArray(reply.messages) || reply.messages.length > MAX_MESSAGES) {
    throw invalid('messages', `must be an array of at most ${MAX_MESSAGES} messages`);
  }
  const messages = reply.messages.map((entry, index): BotReplyMessage => {
    const path = `messages[${index}]`;
    if (!isRecord(entry)) throw invalid(path, 'must be an object');
    const text = optionalString(entry.text, `${path}.text`);
    const quickReplies = stringArray(entry.quickReplies, `${path}.quickReplies`);
    const parsedCard =
      entry.card === undefined || entry.card === null ? undefined : card(entry.card, `${path}.card`);
    if (text === undefined && parsedCard === undefined) throw invalid(path, 'needs a text or a card');
    return {
      ...(text !== undefined && { text }),
      ...(quickReplies !== undefined && { quickReplies }),
      ...(parsedCard !== undefined && { card: parsedCard }),
    };
  });
  const parsedAttributes = attributes(reply.attributes, 'attributes');
  return { messages, ...(parsedAttributes !== undefined && { attributes: parsedAttributes }) };
}

// The hosted platform's original reply: `message` with `::next::` separating messages, `suggested_replies`,
// and `cards` of type `gallery` whose items have `image`, `heading`, `subtitle` and typed `buttons`.
function parseLegacy(reply: Record<string, unknown>): BotReply {
  const messages: BotReplyMessage[] = [];
  const text = optionalString(reply.message, 'message');
  if (text !== undefined) {
    for (const part of text.split(/\r?\n?::next::\r?\n?/)) {
      const trimmed = part.trim();
      if (trimmed !== '') messages.push({ text: trimmed });
    }
  }
  if (reply.cards !== undefined && reply.cards !== null) {
    if (!Array.isArray(reply.cards)) throw invalid('cards', 'must be an array');
    reply.cards.forEach((entry, cardIndex) => {
      const path = `cards[${cardIndex}]`;
      if (!isRecord(entry)) throw invalid(path, 'must be an object');
      const items = entry.gallery ?? [entry];
      if (!Array.isArray(items)) throw invalid(`${path}.gallery`, 'must be an array');
      items.forEach((item, itemIndex) => {
        const itemPath = entry.gallery ? `${path}.gallery[${itemIndex}]` : path;
        if (!isRecord(item)) throw invalid(itemPath, 'must be an object');
        const buttons = Array.isArray(item.buttons)
          ? item.buttons.map((raw, buttonIndex) => {
              const buttonPath = `${itemPath}.buttons[${buttonIndex}]`;
              if (!isRecord(raw)) throw invalid(buttonPath, 'must be an object');
              const isUrl = raw.type === 'url';
              return button(
                { title: raw.name ?? raw.title, [isUrl ? 'url' : 'value']: raw.value },
                buttonPath,
              );
            })
          : undefined;
        messages.push({
          card: card(
            { title: item.heading ?? item.title, subtitle: item.subtitle, imageUrl: item.image, buttons },
            itemPath,
          ),
        });
      });
    });
  }
  const quickReplies = stringArray(reply.suggested_replies, 'suggested_replies');
  const last = messages.at(-1);
  if (quickReplies && quickReplies.length > 0) {
    if (last) last.quickReplies = quickReplies;
    else throw invalid('suggested_replies', 'needs a message to attach to');
  }
  if (messages.length > MAX_MESSAGES)
    throw invalid('message', `must produce at most ${MAX_MESSAGES} messages`);
  const parsedAttributes = attributes(reply.attributes, 'attributes');
  return { messages, ...(parsedAttributes !== undefined && { attributes: parsedAttributes }) };
}

/**
 * Validates a JSON API reply and normalises it to a {@link BotReply}. Accepts the current shape
 * (`{ messages: [...] }`) and the hosted platform's legacy shape (`{ message, suggested_replies, cards }`).
 *
 * @throws {JsonApiError} `INVALID_REPLY`, naming the offending path.
 */
export function parseBotReply(reply: unknown): BotReply {
  if (!isRecord(reply)) throw invalid('reply', 'must be a JSON object');
  if ('messages' in reply) return parseCurrent(reply);
  if ('message' in reply || 'cards' in reply || 'suggested_replies' in reply) return parseLegacy(reply);
  if ('attributes' in reply)
    return { messages: [], attributes: attributes(reply.attributes, 'attributes') ?? {} };
  throw invalid('reply', 'has neither "messages" nor the legacy "message" / "cards"');
}

/** The key fields of an event as query parameters, for JSON API `GET` requests. */
export function eventQuery(event: WebhookEvent): URLSearchParams {
  const query = new URLSearchParams({ type: event.type, timestamp: event.timestamp });
  const data = event.data as Partial<MessageEventData>;
  const fields: [string, unknown][] = [
    ['platform', data.platform],
    ['channel', data.channel],
    ['direction', data.direction],
    ['conversation_id', data.conversation?.id],
    ['user_id', data.user?.id],
    ['user_name', data.user?.name],
    ['message_id', data.message?.id],
    ['text', data.message?.text],
    ['action_kind', data.message?.action?.kind],
    ['action_value', data.message?.action?.value],
    ['interaction', data.interaction],
  ];
  for (const [name, value] of fields) if (typeof value === 'string') query.set(name, value);
  for (const [name, value] of Object.entries(data.attributes ?? {})) {
    if (['string', 'number', 'boolean'].includes(typeof value))
      query.set(`attributes.${name}`, String(value));
  }
  return query;
}
