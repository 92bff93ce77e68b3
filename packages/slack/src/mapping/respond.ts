import type { Account, MessageEventData } from '@bothooks/core';
import type { OutboundEvent } from './api-call';
import { attachmentsOf } from './content';
import { conversationOf } from './conversation';
import { type Json, record, text } from './fields';
import type { BodyFacts } from './inbound';

/** The message a `respond()` or `ack()` body carries: `respond('text')` and `ack('text')` send `{ text }`. */
export function replyBody(value: unknown): Json | undefined {
  if (typeof value === 'string') return value === '' ? undefined : { text: value };
  return record(value);
}

function outbound(
  body: Json,
  facts: BodyFacts,
  bot: Account,
  id: string | undefined,
): MessageEventData | undefined {
  if (!facts.channel) return undefined;
  const messageText = text(body.text);
  const threadTs = text(body.thread_ts) ?? facts.scope.threadTs;
  return {
    platform: 'slack',
    direction: 'outbound',
    bot,
    conversation: conversationOf(facts.channel, { ...facts.scope, threadTs }),
    ...(facts.user && { user: facts.user }),
    message: {
      ...(id !== undefined && { id }),
      ...(messageText !== undefined && { text: messageText }),
      attachments: attachmentsOf(body),
    },
  };
}

/**
 * Maps what `respond()` POSTed to a `response_url`: with `delete_original` the message the interaction came
 * from is deleted (`message.deleted`), with `replace_original` it is edited (`message.edited`), otherwise a new
 * message is sent (`message.sent`; Slack gives it no `ts`, so it has no id).
 */
export function mapRespond(payload: unknown, facts: BodyFacts, bot: Account): OutboundEvent | undefined {
  const body = replyBody(payload);
  if (!body) return undefined;
  if (body.delete_original === true || body.delete_original === 'true') {
    const data = outbound({}, facts, bot, facts.sourceTs);
    return data && { type: 'message.deleted', data };
  }
  const replace = body.replace_original === true || body.replace_original === 'true';
  const data = outbound(body, facts, bot, replace ? facts.sourceTs : undefined);
  return data && { type: replace && facts.sourceTs !== undefined ? 'message.edited' : 'message.sent', data };
}

/**
 * Maps the body of `ack()` for a slash command: Slack shows it as the command's answer (`message.sent`,
 * ephemeral unless `response_type: 'in_channel'`). Acks of events, and of interactions, whose bodies Slack
 * does not show as messages, give `undefined`.
 */
export function mapAck(response: unknown, facts: BodyFacts, bot: Account): OutboundEvent | undefined {
  if (facts.kind !== 'command') return undefined;
  const body = replyBody(response);
  if (!body || (text(body.text) === undefined && body.blocks === undefined && body.attachments === undefined))
    return undefined;
  const data = outbound(body, facts, bot, undefined);
  return data && { type: 'message.sent', data };
}
