import type { Account, Conversation, MessageFailure } from '@bothooks/core';

/** The platforms `bothooks send` has sample events for. */
export const SAMPLE_PLATFORMS = ['telegram', 'discord', 'botframework', 'slack'] as const;

export type SamplePlatform = (typeof SAMPLE_PLATFORMS)[number];

/** One platform's side of a conversation, with ids in the shape that platform really uses. */
export interface PlatformScene {
  channel?: string;
  bot: Account;
  conversation: Conversation;
  user: Account;
  /** The user's message, then the bot's answer. */
  messageIds: { inbound: string; outbound: string };
  /** How that platform refuses a send, as the adapter reports it in `message.failed`. */
  refusal: Omit<MessageFailure, 'operation'>;
}

export const SCENES: Readonly<Record<SamplePlatform, PlatformScene>> = {
  telegram: {
    bot: { id: '7012345678', name: 'Shop Bot', username: 'shop_helper_bot' },
    conversation: { id: '421337001', type: 'private' },
    user: { id: '421337001', name: 'Ada Lovelace', username: 'ada_l', locale: 'en' },
    messageIds: { inbound: '1024', outbound: '1025' },
    refusal: {
      code: 'FORBIDDEN',
      platformCode: '403',
      message: 'Forbidden: bot was blocked by the user',
      status: 403,
    },
  },
  discord: {
    bot: { id: '1187442016541249596', name: 'Shop Bot', username: 'shopbot' },
    conversation: {
      id: '1187442120493813801',
      type: 'guild_text',
      name: 'support',
      isGroup: true,
      guildId: '1187441933717254214',
    },
    user: { id: '289447239186169857', name: 'Ada Lovelace', username: 'ada.lovelace', locale: 'en-US' },
    messageIds: { inbound: '1310627823184986152', outbound: '1310627830571090011' },
    refusal: { code: 'FORBIDDEN', platformCode: '50013', message: 'Missing Permissions', status: 403 },
  },
  botframework: {
    channel: 'msteams',
    bot: { id: '28:6f1c6a3e-52a5-4f0a-9a39-0c5f1c0e8f21', name: 'Shop Bot' },
    conversation: {
      id: 'a:1pLq0r8WvTz3XbqYw2Vn7sK9dF4hJ6mCeRtUoPaSdFgHjKlZxCvBnMq',
      type: 'personal',
      tenantId: '5d2a6e0b-3c41-4f8e-9b7a-1e6c0d9f2a34',
    },
    user: { id: '29:1Xk2P9vQ7rT4mN8bW3cY6zL0aS5dF1gHjK', name: 'Ada Lovelace', locale: 'en-US' },
    messageIds: { inbound: '1764606071123', outbound: '1764606071456' },
    refusal: {
      code: 'FORBIDDEN',
      platformCode: 'BotNotInConversationRoster',
      message: 'The bot is not part of the conversation roster.',
      status: 403,
    },
  },
  slack: {
    bot: { id: 'B07QX1R2S3T', name: 'Shop Bot', username: 'shopbot' },
    conversation: { id: 'C07QJ4K5L6M', type: 'channel', name: 'support', isGroup: true },
    user: { id: 'U07QH8J9K0L', name: 'Ada Lovelace', username: 'ada', locale: 'en-US' },
    messageIds: { inbound: '1764606071.123459', outbound: '1764606072.223469' },
    // Slack answers refusals with 200 and `ok: false`, so there is no HTTP status to report.
    refusal: { code: 'FORBIDDEN', platformCode: 'not_in_channel', message: 'not_in_channel' },
  },
};
