import type { Attachment, Message, MessageAction } from '../event';

/** What `includeText: false` does to a field: `strip` leaves it out, `keep` keeps it, `nested` looks inside. */
type FieldRule = 'keep' | 'strip' | 'nested';

// Every field of the model is listed, so a field added to `Message`, `Attachment` or `MessageAction` does not
// compile until someone decides whether it carries what people wrote: `includeText: false` then strips it in
// every adapter at once.
const MESSAGE_FIELDS = {
  id: 'keep',
  text: 'strip',
  attachments: 'nested',
  replyToId: 'keep',
  ids: 'keep',
  action: 'nested',
} as const satisfies Record<keyof Message, FieldRule>;

const ATTACHMENT_FIELDS = {
  type: 'keep',
  contentType: 'keep',
  url: 'keep',
  name: 'keep',
  fileId: 'keep',
  size: 'keep',
  // Card, embed, poll, venue and game titles, contact names; card and embed text, addresses, sticker emoji.
  title: 'strip',
  summary: 'strip',
  latitude: 'keep',
  longitude: 'keep',
} as const satisfies Record<keyof Attachment, FieldRule>;

const ACTION_FIELDS = {
  kind: 'keep',
  // A button's payload, a command's name, the chosen options of a menu: defined by the bot, not typed.
  value: 'keep',
  // A command's options, a form's fields, a card's submitted values: typed by a person.
  options: 'strip',
} as const satisfies Record<keyof MessageAction, FieldRule>;

function strip<TValue extends object>(value: TValue, rules: Record<string, FieldRule>): TValue {
  const kept: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    // Unknown fields are stripped: only what is known to be safe survives `includeText: false`.
    if (rules[name] === 'keep') kept[name] = field;
  }
  return kept as TValue;
}

/**
 * The message without what people wrote, for `includeText: false`. Pure: a new object, the input is untouched.
 * Every adapter gets this from the publisher, so the option means the same on every platform.
 *
 * @example
 * ```ts
 * withoutText({ id: '7', text: 'hi', attachments: [{ type: 'poll', title: 'Lunch?' }] });
 * // { id: '7', attachments: [{ type: 'poll' }] }
 * ```
 */
export function withoutText(message: Message): Message {
  const kept = strip(message, MESSAGE_FIELDS);
  kept.attachments = (message.attachments ?? []).map((attachment) => strip(attachment, ATTACHMENT_FIELDS));
  if (message.action) kept.action = strip(message.action, ACTION_FIELDS);
  return kept;
}
