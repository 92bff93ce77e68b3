import type { Account, Conversation } from '@bothooks/core';
import { type Json, record, text } from './fields';

/** Slack's conversation kinds, as `channel_type` names them. */
export type ChannelType = 'im' | 'mpim' | 'channel' | 'group';

const CHANNEL_TYPES = new Set<string>(['im', 'mpim', 'channel', 'group']);

/** What is known of a channel: from the event, or remembered from earlier events. */
export interface ChannelFacts {
  id: string;
  type?: ChannelType | undefined;
  name?: string | undefined;
}

/** Where a message was exchanged, beyond the channel: its thread, its workspace. */
export interface ConversationScope {
  threadTs?: string | undefined;
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
}

/** The kind of a channel from its `channel_type`, else from its id (`D…` direct, `C…` channel, `G…` private). */
export function channelType(id: string, declared?: unknown): ChannelType | undefined {
  if (typeof declared === 'string' && CHANNEL_TYPES.has(declared)) return declared as ChannelType;
  if (id.startsWith('D')) return 'im';
  if (id.startsWith('C')) return 'channel';
  if (id.startsWith('G')) return 'group';
  return undefined;
}

/** A channel name from a command or interaction; Slack puts placeholders there for DMs and private groups. */
export function channelName(value: unknown): string | undefined {
  const name = text(value);
  return name === undefined || name === 'directmessage' || name === 'privategroup' || name === 'mpdm'
    ? undefined
    : name;
}

export function conversationOf(channel: ChannelFacts, scope: ConversationScope = {}): Conversation {
  const type = channel.type ?? channelType(channel.id);
  return {
    id: channel.id,
    ...(type !== undefined && { type, isGroup: type !== 'im' }),
    ...(channel.name !== undefined && { name: channel.name }),
    ...(scope.threadTs !== undefined && { threadId: scope.threadTs }),
    ...(scope.teamId !== undefined && { teamId: scope.teamId }),
    ...(scope.enterpriseId !== undefined && { enterpriseId: scope.enterpriseId }),
  };
}

/** The workspace and organisation a request comes from, whatever its kind. */
export function workspaceOf(body: Json): { teamId?: string; enterpriseId?: string } {
  const authorization = Array.isArray(body.authorizations) ? record(body.authorizations[0]) : undefined;
  const teamId = text(body.team_id) ?? text(record(body.team)?.id) ?? text(authorization?.team_id);
  const enterpriseId =
    text(body.enterprise_id) ?? text(record(body.enterprise)?.id) ?? text(authorization?.enterprise_id);
  return { ...(teamId !== undefined && { teamId }), ...(enterpriseId !== undefined && { enterpriseId }) };
}

/** A person from an event's `user` id and, when Slack includes it, their `user_profile`. */
export function userFromEvent(id: string, profile: unknown): Account {
  const fields = record(profile);
  const name = text(fields?.real_name) ?? text(fields?.display_name);
  const username = text(fields?.name);
  return { id, ...(name !== undefined && { name }), ...(username !== undefined && { username }) };
}

/** A person from an interaction's `user` object (`{ id, username, name, team_id }`). */
export function userFromInteraction(value: unknown): Account | undefined {
  const fields = record(value);
  const id = text(fields?.id);
  if (id === undefined) return undefined;
  const username = text(fields?.username) ?? text(fields?.name);
  return { id, ...(username !== undefined && { username }) };
}
