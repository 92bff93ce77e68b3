import type { Account, MessageEventData, MessageEventType, MessageFailure } from '@bothooks/core';
import { OPERATION_EVENT_TYPES } from '@bothooks/core/adapter';
import { attachmentsOf, describeFiles } from './content';
import { type ChannelFacts, type ConversationScope, channelType, conversationOf } from './conversation';
import { type Json, record, text } from './fields';
import { callKind } from './methods';

/** What the adapter knows about a call's conversation, besides the call itself. */
export interface CallScope {
  bot: Account;
  /** The channel as remembered from earlier events (its kind and name). */
  channel?: ChannelFacts | undefined;
  scope?: ConversationScope | undefined;
  /** The person on the other side: the turn's, or a DM's other member. */
  user?: Account | undefined;
}

/** One outbound message event, mapped. */
export interface OutboundEvent {
  type: MessageEventType;
  data: MessageEventData;
}

/** The channel a message call went to: Slack's answer first (a user id given as `channel` opens a DM). */
export function targetChannel(method: string, params: unknown, result?: unknown): string | undefined {
  const input = record(params) ?? {};
  const output = record(result) ?? {};
  if (method === 'files.completeUploadExternal') {
    return text(input.channel_id) ?? text(input.channels)?.split(',')[0]?.trim();
  }
  return text(output.channel) ?? text(input.channel);
}

/** The markdown a stream call carries: its `markdown_text`, and the text of its `markdown_text` chunks. */
export function streamText(params: unknown): string {
  const input = record(params) ?? {};
  const chunks = Array.isArray(input.chunks) ? input.chunks.map(record) : [];
  return [
    input.markdown_text,
    ...chunks.filter((chunk) => chunk?.type === 'markdown_text').map((chunk) => chunk?.text),
  ]
    .filter((part): part is string => typeof part === 'string')
    .join('');
}

/** The `ts` Slack gave a shared file's message, from the file's `shares`. */
function shareTs(result: Json, channel: string): string | undefined {
  const file = Array.isArray(result.files) ? record(result.files[0]) : undefined;
  const shares = record(file?.shares);
  for (const visibility of ['public', 'private']) {
    const entry = record(shares?.[visibility])?.[channel];
    const ts = Array.isArray(entry) ? text(record(entry[0])?.ts) : undefined;
    if (ts !== undefined) return ts;
  }
  return undefined;
}

function messageOf(method: string, input: Json, output: Json, channel: string): MessageEventData['message'] {
  const threadTs = text(input.thread_ts);
  if (method === 'files.completeUploadExternal') {
    const id = shareTs(output, channel);
    const comment = text(input.initial_comment);
    return {
      ...(id !== undefined && { id }),
      ...(comment !== undefined && { text: comment }),
      attachments: describeFiles(output.files ?? input.files),
      ...(threadTs !== undefined && { replyToId: threadTs }),
    };
  }
  const id = method === 'chat.postEphemeral' ? text(output.message_ts) : (text(output.ts) ?? text(input.ts));
  const messageText = method === 'chat.delete' ? undefined : text(input.text);
  return {
    ...(id !== undefined && { id }),
    ...(messageText !== undefined && { text: messageText }),
    attachments: method === 'chat.delete' ? [] : attachmentsOf(input),
    ...(threadTs !== undefined && { replyToId: threadTs }),
  };
}

function eventData(
  method: string,
  params: unknown,
  result: unknown,
  scope: CallScope,
): MessageEventData | undefined {
  const input = record(params) ?? {};
  const output = record(result) ?? {};
  const channel = targetChannel(method, input, output);
  if (channel === undefined) return undefined;
  const known = scope.channel?.id === channel ? scope.channel : { id: channel, type: channelType(channel) };
  const recipient = method === 'chat.postEphemeral' ? text(input.user) : undefined;
  const user = recipient !== undefined ? { id: recipient } : scope.user;
  return {
    platform: 'slack',
    direction: 'outbound',
    bot: scope.bot,
    conversation: conversationOf(known, { ...scope.scope, threadTs: text(input.thread_ts) }),
    ...(user && { user }),
    message: messageOf(method, input, output, channel),
  };
}

/**
 * Maps a message call Slack accepted to its event: `chat.postMessage`, `chat.postEphemeral`,
 * `chat.meMessage` and a file share (`files.completeUploadExternal`, the end of `files.uploadV2`) become
 * `message.sent`, `chat.update` `message.edited` and `chat.delete` `message.deleted`, with the `ts` Slack gave.
 * An upload that shares in no channel, and every other method, give `undefined`.
 */
export function mapApiCall(
  method: string,
  params: unknown,
  result: unknown,
  scope: CallScope,
): OutboundEvent | undefined {
  const kind = callKind(method);
  if (!kind) return undefined;
  const data = eventData(method, params, result, scope);
  return data && { type: OPERATION_EVENT_TYPES[kind], data };
}

/** Maps a message call Slack refused to its `message.failed` event, with `failure` as `data.error`. */
export function mapFailedCall(
  method: string,
  params: unknown,
  failure: MessageFailure,
  scope: CallScope,
): OutboundEvent | undefined {
  const data = eventData(method, params, undefined, scope);
  return data && { type: 'message.failed', data: { ...data, error: failure } };
}
