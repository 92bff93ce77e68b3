import type { Conversation } from '@bothooks/core';

/** What is known of a channel: from discord.js's cache, an API channel object, or only the ids of a payload. */
export interface ChannelFacts {
  id: string;
  /** The Discord API `ChannelType`; unknown when the channel is not cached. */
  type?: number | undefined;
  name?: string | null | undefined;
  guildId?: string | null | undefined;
}

/** Discord API `ChannelType` values and the `conversation.type` each becomes. */
const CONVERSATION_TYPES: Record<number, string> = {
  0: 'guild_text',
  1: 'dm',
  2: 'guild_voice',
  3: 'group_dm',
  5: 'guild_announcement',
  10: 'thread',
  11: 'thread',
  12: 'thread',
  13: 'guild_stage_voice',
  15: 'guild_forum',
  16: 'guild_media',
};

const DM = 1;
const THREADS = new Set([10, 11, 12]);

/**
 * The conversation of a channel. A thread is a conversation of its own (`type: 'thread'`, `threadId` set),
 * because Discord gives threads their own channel ids and that is where replies go.
 */
export function conversationOf(channel: ChannelFacts): Conversation {
  const type = channel.type === undefined ? undefined : CONVERSATION_TYPES[channel.type];
  const guildId = channel.guildId ?? undefined;
  const isGroup = channel.type === undefined ? (guildId ? true : undefined) : channel.type !== DM;
  return {
    id: channel.id,
    ...(type !== undefined && { type }),
    ...(channel.name && { name: channel.name }),
    ...(isGroup !== undefined && { isGroup }),
    ...(guildId && { guildId }),
    ...(channel.type !== undefined && THREADS.has(channel.type) && { threadId: channel.id }),
  };
}

/** The facts of a discord.js channel structure (any channel type). */
export function channelFacts(channel: {
  id: string;
  type: number;
  name?: string | null;
  guildId?: string | null;
}): ChannelFacts {
  return {
    id: channel.id,
    type: channel.type,
    ...('name' in channel && { name: channel.name ?? null }),
    ...('guildId' in channel && { guildId: channel.guildId ?? null }),
  };
}
