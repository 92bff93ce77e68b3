/**
 * The Activity fields the mapping reads, typed here so that botbuilder's `Activity` (botframework-schema) and the
 * Microsoft 365 Agents SDK's `Activity` class (@microsoft/agents-activity) both satisfy them, and so do recorded
 * payloads straight from the wire. Everything is optional: channels leave out, or send `null` for, whatever
 * they like, and the mapping checks each value before it uses it.
 */

/** A `ChannelAccount`: a user, a bot or an agent. */
export interface AccountInput {
  id?: string | null | undefined;
  name?: string | null | undefined;
}

/** A `ConversationAccount`. */
export interface ConversationInput {
  id?: string | null | undefined;
  conversationType?: string | null | undefined;
  name?: string | null | undefined;
  isGroup?: boolean | null | undefined;
  tenantId?: string | null | undefined;
}

/** An `Attachment`. */
export interface AttachmentInput {
  contentType?: string | null | undefined;
  contentUrl?: string | null | undefined;
  content?: unknown;
  name?: string | null | undefined;
}

/** An activity as a bot sees it, or as a channel posts it (timestamps still ISO strings). */
export interface ActivityInput {
  type?: string | null | undefined;
  id?: string | null | undefined;
  name?: string | null | undefined;
  /** When the activity happened: a `Date` once an SDK parsed it, an ISO string on the wire. */
  timestamp?: Date | string | null | undefined;
  channelId?: string | null | undefined;
  from?: AccountInput | null | undefined;
  recipient?: AccountInput | null | undefined;
  conversation?: ConversationInput | null | undefined;
  text?: string | null | undefined;
  locale?: string | null | undefined;
  replyToId?: string | null | undefined;
  attachments?: readonly AttachmentInput[] | null | undefined;
  channelData?: unknown;
  value?: unknown;
}

/**
 * A `ConversationReference`, as `deleteActivity(reference)` receives it: botbuilder names the bot `bot`, the
 * Agents SDK names it `agent`.
 */
export interface ReferenceInput {
  activityId?: string | null | undefined;
  channelId?: string | null | undefined;
  conversation?: ConversationInput | null | undefined;
  bot?: AccountInput | null | undefined;
  agent?: AccountInput | null | undefined;
  user?: AccountInput | null | undefined;
  locale?: string | null | undefined;
}
