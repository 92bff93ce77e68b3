import type { Account, MessageEventData, MessageEventType } from '@bothooks/core';
import { blockAction, viewValues } from './actions';
import { attachmentsOf } from './content';
import {
  type ChannelFacts,
  type ConversationScope,
  channelName,
  channelType,
  conversationOf,
  userFromEvent,
  userFromInteraction,
  workspaceOf,
} from './conversation';
import { type Json, record, records, text } from './fields';

/** The bot as Bolt's authorization knows it: its user (`U…`) and bot (`B…`) ids. */
export interface BotSelf {
  userId?: string | undefined;
  botId?: string | undefined;
}

/** What the body of one delivery says about its turn, before anything is handled. */
export interface BodyFacts {
  /** `event` (Events API), `command`, `interaction`, or `other` (what Slack sends that is no message). */
  kind: 'event' | 'command' | 'interaction' | 'other';
  channel: ChannelFacts | undefined;
  scope: ConversationScope;
  /** The person who wrote, typed the command or pressed the button. */
  user: Account | undefined;
  /** Where `respond()` posts; its answers are the bot's messages too. */
  responseUrls: string[];
  /** The message an interaction happened on: what `replace_original` and `delete_original` act on. */
  sourceTs: string | undefined;
  /** The Events API `event_id`: the same in every retry of a delivery. */
  eventId: string | undefined;
}

/** One inbound message event, mapped. */
export interface InboundEvent {
  type: MessageEventType;
  data: MessageEventData;
  /** Milliseconds since the epoch, from the message's `ts`. */
  timestamp: number | undefined;
  /**
   * The message it is about (`<channel>/<ts>`): Slack delivers a mention as both `message` and `app_mention`,
   * which must be reported once.
   */
  key: string | undefined;
}

function tsToMs(ts: string | undefined): number | undefined {
  const seconds = ts === undefined ? Number.NaN : Number(ts);
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) : undefined;
}

// Message subtypes that are something a person (or another app) wrote; the rest are channel notices
// (joins, topic changes, pins) or the notifications of other events.
const WRITTEN_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share', 'me_message', 'bot_message']);

function eventChannel(event: Json): ChannelFacts | undefined {
  const id = text(event.channel);
  if (id === undefined) return undefined;
  return { id, type: channelType(id, event.channel_type) };
}

function interactionChannel(body: Json): ChannelFacts | undefined {
  const container = record(body.container);
  const channel = record(body.channel);
  const responseChannel = records(body.response_urls)[0];
  const id = text(channel?.id) ?? text(container?.channel_id) ?? text(responseChannel?.channel_id);
  if (id === undefined) return undefined;
  return { id, type: channelType(id), name: channelName(channel?.name) };
}

/** Reads what the turn needs from the body of a delivery: channel, thread, workspace, person, `response_url`. */
export function bodyFacts(body: Json): BodyFacts {
  const workspace = workspaceOf(body);
  const responseUrls = [
    text(body.response_url),
    ...records(body.response_urls).map((entry) => text(entry.response_url)),
  ].filter((url): url is string => url !== undefined);
  const base = { responseUrls, eventId: text(body.event_id) };
  const event = record(body.event);
  if (body.type === 'event_callback' && event) {
    const message = record(event.message) ?? record(event.previous_message) ?? event;
    const userId = text(message.user) ?? text(event.user);
    return {
      ...base,
      kind: 'event',
      channel: eventChannel(event),
      scope: { ...workspace, threadTs: text(message.thread_ts) },
      user: userId !== undefined ? userFromEvent(userId, message.user_profile) : undefined,
      sourceTs: undefined,
    };
  }
  if (typeof body.command === 'string') {
    const channelId = text(body.channel_id);
    const userId = text(body.user_id);
    const username = text(body.user_name);
    return {
      ...base,
      kind: 'command',
      channel:
        channelId !== undefined
          ? { id: channelId, type: channelType(channelId), name: channelName(body.channel_name) }
          : undefined,
      scope: workspace,
      user: userId !== undefined ? { id: userId, ...(username !== undefined && { username }) } : undefined,
      sourceTs: undefined,
    };
  }
  if (typeof body.type === 'string' && body.type !== 'event_callback') {
    const message = record(body.message);
    const container = record(body.container);
    return {
      ...base,
      kind: 'interaction',
      channel: interactionChannel(body),
      scope: { ...workspace, threadTs: text(message?.thread_ts) },
      user: userFromInteraction(body.user),
      sourceTs: text(container?.message_ts) ?? text(message?.ts),
    };
  }
  return {
    ...base,
    kind: 'other',
    channel: undefined,
    scope: workspace,
    user: undefined,
    sourceTs: undefined,
  };
}

/** Whether a message was written by this app's bot: its echo, which Bolt's `ignoreSelf` drops too. */
export function isOwnMessage(message: Json, self: BotSelf): boolean {
  const botId = text(message.bot_id);
  const userId = text(message.user);
  return (botId !== undefined && botId === self.botId) || (userId !== undefined && userId === self.userId);
}

function writtenMessage(
  type: MessageEventType,
  message: Json,
  id: string | undefined,
  facts: BodyFacts,
  bot: Account,
): InboundEvent | undefined {
  const channel = facts.channel;
  if (!channel) return undefined;
  const threadTs = text(message.thread_ts);
  // What a deleted message said is gone from the conversation: it is not sent on either.
  const deleted = type === 'message.deleted';
  const messageText = deleted ? undefined : text(message.text);
  const userId = text(message.user) ?? text(message.bot_id);
  const username = text(message.username);
  const user =
    userId === undefined
      ? undefined
      : { ...userFromEvent(userId, message.user_profile), ...(username !== undefined && { username }) };
  return {
    type,
    data: {
      platform: 'slack',
      direction: 'inbound',
      bot,
      conversation: conversationOf(channel, { ...facts.scope, threadTs }),
      ...(user && { user }),
      message: {
        ...(id !== undefined && { id }),
        ...(messageText !== undefined && { text: messageText }),
        attachments: deleted ? [] : attachmentsOf(message),
        ...(threadTs !== undefined && threadTs !== id && { replyToId: threadTs }),
      },
    },
    timestamp: tsToMs(text(message.ts)),
    key: id !== undefined ? `${channel.id}/${id}` : undefined,
  };
}

function mapEvent(event: Json, facts: BodyFacts, bot: Account, self: BotSelf): InboundEvent | undefined {
  if (event.type === 'app_mention') {
    return isOwnMessage(event, self)
      ? undefined
      : writtenMessage('message.received', event, text(event.ts), facts, bot);
  }
  if (event.type !== 'message') return undefined;
  const subtype = typeof event.subtype === 'string' ? event.subtype : undefined;
  if (subtype === 'message_changed') {
    const message = record(event.message);
    const previous = record(event.previous_message);
    // Slack also sends message_changed when it unfurls a link: the text is unchanged and nobody edited.
    if (!message || isOwnMessage(message, self) || (!message.edited && message.text === previous?.text))
      return undefined;
    return writtenMessage('message.edited', message, text(message.ts), facts, bot);
  }
  if (subtype === 'message_deleted') {
    const previous = record(event.previous_message) ?? {};
    if (isOwnMessage(previous, self)) return undefined;
    const deleted = writtenMessage('message.deleted', previous, text(event.deleted_ts), facts, bot);
    return deleted && { ...deleted, timestamp: tsToMs(text(event.event_ts)) };
  }
  if (!WRITTEN_SUBTYPES.has(subtype) || isOwnMessage(event, self)) return undefined;
  return writtenMessage('message.received', event, text(event.ts), facts, bot);
}

function interactionEvent(
  facts: BodyFacts,
  bot: Account,
  id: string | undefined,
  input: { action: NonNullable<MessageEventData['message']['action']>; text?: string | undefined },
): InboundEvent | undefined {
  if (!facts.channel) return undefined;
  return {
    type: 'message.received',
    data: {
      platform: 'slack',
      direction: 'inbound',
      bot,
      conversation: conversationOf(facts.channel, facts.scope),
      ...(facts.user && { user: facts.user }),
      message: {
        ...(id !== undefined && { id }),
        ...(input.text !== undefined && { text: input.text }),
        attachments: [],
        ...(facts.sourceTs !== undefined && { replyToId: facts.sourceTs }),
        action: input.action,
      },
    },
    timestamp: undefined,
    key: undefined,
  };
}

function mapInteraction(body: Json, facts: BodyFacts, bot: Account): InboundEvent | undefined {
  const id = text(body.trigger_id) ?? text(record(body.view)?.id);
  if (body.type === 'block_actions' || body.type === 'interactive_message') {
    const action = records(body.actions)[0];
    return action ? interactionEvent(facts, bot, id, blockAction(action)) : undefined;
  }
  if (body.type === 'view_submission') {
    const view = record(body.view) ?? {};
    const callbackId = text(view.callback_id);
    const channel = facts.channel ?? { id: text(view.id) ?? '', type: undefined };
    if (channel.id === '') return undefined;
    const event = interactionEvent({ ...facts, channel }, bot, id, {
      action: {
        kind: 'modal',
        ...(callbackId !== undefined && { value: callbackId }),
        options: viewValues(view),
      },
    });
    if (event && !facts.channel) event.data.conversation.type = 'modal';
    return event;
  }
  if (body.type === 'message_action') {
    const callbackId = text(body.callback_id);
    return interactionEvent(facts, bot, id, {
      action: { kind: 'shortcut', ...(callbackId !== undefined && { value: callbackId }) },
    });
  }
  return undefined;
}

function mapCommand(body: Json, facts: BodyFacts, bot: Account): InboundEvent | undefined {
  const command = text(body.command) ?? '';
  const args = typeof body.text === 'string' ? body.text.trim() : '';
  return interactionEvent(facts, bot, text(body.trigger_id), {
    action: { kind: 'command', value: command, ...(args !== '' && { options: { text: args } }) },
    text: args === '' ? command : `${command} ${args}`,
  });
}

/**
 * Maps the body of one delivery to its inbound event, if it is one a person caused:
 * - `message` events (in channels, DMs, group DMs and threads; file shares, `/me` messages, other apps' posts)
 *   and `app_mention` become `message.received`, `message_changed` `message.edited`, `message_deleted`
 *   `message.deleted`;
 * - a slash command becomes `message.received` with `action: { kind: 'command', value: '/name' }`;
 * - a button, menu or other element becomes `message.received` with a `button` or `select` action, a
 *   submitted modal a `modal` action with its inputs, a message shortcut a `shortcut` action.
 * The bot's own messages (its echoes), channel notices and everything else give `undefined`.
 */
export function mapInbound(body: Json, bot: Account, self: BotSelf): InboundEvent | undefined {
  const facts = bodyFacts(body);
  if (facts.kind === 'event') return mapEvent(record(body.event) ?? {}, facts, bot, self);
  if (facts.kind === 'command') return mapCommand(body, facts, bot);
  if (facts.kind === 'interaction') return mapInteraction(body, facts, bot);
  return undefined;
}
