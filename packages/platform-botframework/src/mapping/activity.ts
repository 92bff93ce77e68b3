import type { Account, Conversation, Message, MessageEventData, MessageEventType } from '@bothooks/core';
import { describeAttachments } from './attachments';
import type { ActivityInput, ReferenceInput } from './types';

/** How {@link activityToMessageData} reads an activity. */
export interface ActivityMappingOptions {
  /** `inbound`: the user sent it (`from` is the user); `outbound`: the bot sent it (`from` is the bot). */
  direction: 'inbound' | 'outbound';
}

/** The synthetic `event` activities both SDKs create for proactive turns; no one sent them. */
const SYNTHETIC_EVENTS = new Set(['continueconversation', 'createconversation']);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function account(value: unknown, locale: string | undefined): Account | undefined {
  if (!isObject(value)) return undefined;
  const id = text(value.id);
  if (id === undefined) return undefined;
  const name = text(value.name);
  return { id, ...(name !== undefined && { name }), ...(locale !== undefined && { locale }) };
}

/** Teams addresses a reply chain in a channel as `<channel id>;messageid=<id of the chain's first message>`. */
function teamsThreadId(conversationId: string): string | undefined {
  const marker = ';messageid=';
  const index = conversationId.indexOf(marker);
  return index === -1 ? undefined : text(conversationId.slice(index + marker.length));
}

function conversation(activity: ActivityInput): Conversation {
  const source: Json = isObject(activity.conversation) ? activity.conversation : {};
  const id = text(source.id) ?? '';
  const type = text(source.conversationType);
  const name = text(source.name);
  const channelData: Json = isObject(activity.channelData) ? activity.channelData : {};
  const tenantId =
    text(source.tenantId) ?? (isObject(channelData.tenant) ? text(channelData.tenant.id) : undefined);
  const threadId = activity.channelId === 'msteams' ? teamsThreadId(id) : undefined;
  return {
    id,
    ...(type !== undefined && { type }),
    ...(name !== undefined && { name }),
    ...(typeof source.isGroup === 'boolean' && { isGroup: source.isGroup }),
    ...(threadId !== undefined && { threadId }),
    ...(tenantId !== undefined && { tenantId }),
  };
}

function message(activity: ActivityInput, options: ActivityMappingOptions): Message {
  const id = text(activity.id);
  const messageText = activity.type === 'messageDelete' ? undefined : text(activity.text);
  const replyToId = text(activity.replyToId);
  const attachments = describeAttachments(activity.attachments, text(activity.channelId));
  const value: unknown = activity.value;
  // A card's submit button arrives as a message whose `value` is the submitted data (and usually no text).
  const action =
    options.direction === 'inbound' && activity.type === 'message' && value !== undefined && value !== null
      ? {
          kind: 'button',
          ...(typeof value === 'string' && { value }),
          ...(isObject(value) && { options: value }),
        }
      : activity.type === 'typing'
        ? { kind: 'typing' }
        : undefined;
  return {
    ...(id !== undefined && { id }),
    ...(messageText !== undefined && { text: messageText }),
    attachments,
    ...(replyToId !== undefined && { replyToId }),
    ...(action !== undefined && { action }),
  };
}

/**
 * Maps a Bot Framework activity to the `data` of a bothooks message event. Pure: it reads the activity and
 * never changes it.
 *
 * - `bot` is the bot's account (`recipient` of inbound activities, `from` of outbound ones), `user` the human on
 *   the other side (`from` of inbound, `recipient` of outbound);
 * - `channel` is the `channelId`; `conversation` has the id, `conversationType` as `type`, name, `isGroup`,
 *   the tenant and, in a Teams channel reply chain, the id of the chain as `threadId`;
 * - attachments are descriptors (see {@link describeAttachments}); a card's submitted values become
 *   `message.action` (`kind: 'button'`), a typing indicator `message.action.kind: 'typing'`.
 *
 * Everything a person wrote is included (text, card titles and summaries, submitted values): the publisher
 * leaves it out for `includeText: false`, as in every adapter.
 *
 * @example
 * ```ts
 * const data = activityToMessageData(context.activity, { direction: 'inbound' });
 * hooks.publish(createMessageEvent('message.received', data, context.activity.timestamp));
 * ```
 */
export function activityToMessageData(
  activity: ActivityInput,
  options: ActivityMappingOptions,
): MessageEventData {
  const inbound = options.direction === 'inbound';
  const locale = text(activity.locale);
  const bot = account(inbound ? activity.recipient : activity.from, undefined);
  const user = account(inbound ? activity.from : activity.recipient, locale);
  const channel = text(activity.channelId);
  return {
    platform: 'botframework',
    direction: options.direction,
    ...(channel !== undefined && { channel }),
    bot: bot ?? { id: '' },
    conversation: conversation(activity),
    ...(user !== undefined && { user }),
    message: message(activity, options),
  };
}

/** The event an activity a user sent becomes, or `undefined` when it is not a message (events, typing, ...). */
export function inboundEventType(activity: ActivityInput): MessageEventType | undefined {
  switch (activity.type) {
    case 'message':
      return 'message.received';
    case 'messageUpdate':
      return 'message.edited';
    case 'messageDelete':
      return 'message.deleted';
    default:
      return undefined;
  }
}

/**
 * The message a user sent in the turn of `activity`, as event data: what a JSON API request describes when no
 * attachment observed the turn. `undefined` for anything but a `message` (an edit, a delete, an event).
 */
export function inboundMessageData(activity: ActivityInput): MessageEventData | undefined {
  return inboundEventType(activity) === 'message.received'
    ? activityToMessageData(activity, { direction: 'inbound' })
    : undefined;
}

/**
 * Whether an activity the bot sends is a message worth reporting. `trace`, `delay` and `invokeResponse` never
 * reach a user; `typing` only when asked for; events and other control activities are not messages.
 */
export function isReportedOutbound(activity: ActivityInput, includeTyping: boolean): boolean {
  const type = activity.type ?? 'message';
  return type === 'message' || (includeTyping && type === 'typing');
}

/**
 * Whether the turn was started by the SDK itself for proactive work (botbuilder's `continueConversationAsync`, the
 * Agents SDK's `continueConversation` and long-running messages, `createConversationAsync` in both).
 */
export function isSyntheticActivity(activity: ActivityInput | undefined): boolean {
  return (
    activity?.type === 'event' &&
    typeof activity.name === 'string' &&
    SYNTHETIC_EVENTS.has(activity.name.toLowerCase())
  );
}

/** The activity a bot's `deleteActivity(reference)` removes, as far as the reference describes it. */
export function deletedActivity(reference: ReferenceInput): ActivityInput {
  const bot = reference.agent ?? reference.bot;
  return {
    type: 'messageDelete',
    ...(reference.activityId != null && { id: reference.activityId }),
    ...(reference.channelId != null && { channelId: reference.channelId }),
    ...(reference.conversation != null && { conversation: reference.conversation }),
    ...(bot != null && { from: bot }),
    ...(reference.user != null && { recipient: reference.user }),
    ...(reference.locale != null && { locale: reference.locale }),
  };
}

/**
 * The activity a send the channel accepted delivered, as the mapping should see it: with the id the channel
 * returned (`response.id`), and not as a reply when a proactive turn answered its own synthetic event, whose id
 * no one else ever saw. A snapshot (see {@link snapshotActivity}).
 */
export function sentActivity(
  activity: ActivityInput,
  response: { id?: string | undefined } | undefined,
  turnActivity: ActivityInput | undefined,
): ActivityInput {
  const id = text(response?.id) ?? activity.id ?? undefined;
  const proactive = isSyntheticActivity(turnActivity);
  const replyToId =
    proactive && activity.replyToId === turnActivity?.id ? undefined : (activity.replyToId ?? undefined);
  return snapshotActivity(activity, { id, replyToId });
}

/**
 * A copy of the fields the mapping reads, taken now, with what the channel returned applied (`id`, and `replyToId`
 * where a proactive turn's synthetic event must not show as replied to). SDKs fill in and change the activities
 * they send after the send, and the Agents SDK's `Activity` keeps `channelId` behind an accessor that a spread
 * (`{ ...activity }`) would lose: read through this, never by spreading.
 */
export function snapshotActivity(
  activity: ActivityInput,
  overrides: { id?: string | undefined; replyToId?: string | undefined } = {},
): ActivityInput {
  const id = 'id' in overrides ? overrides.id : activity.id;
  const replyToId = 'replyToId' in overrides ? overrides.replyToId : activity.replyToId;
  return {
    type: activity.type,
    id,
    name: activity.name,
    timestamp: activity.timestamp,
    channelId: activity.channelId,
    from: activity.from,
    recipient: activity.recipient,
    conversation: activity.conversation,
    text: activity.text,
    locale: activity.locale,
    replyToId,
    attachments: activity.attachments,
    channelData: activity.channelData,
    value: activity.value,
  };
}

/** When the activity happened, as the channel or the adapter stamped it; `undefined` means "now". */
export function activityTimestamp(activity: ActivityInput): Date | string | undefined {
  const { timestamp } = activity;
  return timestamp instanceof Date || typeof timestamp === 'string' ? timestamp : undefined;
}
