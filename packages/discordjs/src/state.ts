import type { Account, AdapterPublisher, MessageEventData, MessageEventType } from '@bothooks/core';
import type { Client } from 'discord.js';
import type { Ledger } from './ledger';
import { type ApiUser, accountFromPayload, accountFromUser } from './mapping/accounts';
import { type ChannelFacts, channelFacts } from './mapping/conversation';
import type { DiscordContext, ResolvedOptions } from './options';
import type { TurnScope } from './turns';

/** Discord API `ChannelType.DM`. */
const DM_CHANNEL = 1;

/** Where an event belongs: the turn it is part of, or the object it is about, and when it happened. */
export interface PublishDetails {
  scope?: TurnScope | undefined;
  context?: DiscordContext | undefined;
  timestamp?: string | number | Date | null | undefined;
}

/** What the inbound and outbound halves of one attachment share. */
export interface AdapterState {
  /** Identifies the attachment's turns among those of other attachments on the same client. */
  readonly owner: object;
  readonly client: Client;
  readonly publisher: AdapterPublisher<DiscordContext>;
  readonly ledger: Ledger;
  readonly options: ResolvedOptions;
  /** False once detached: late REST answers and deferred echo checks publish nothing. */
  active: boolean;
  /** The bot's account; `author` stands in before the client is logged in (REST results carry it). */
  bot(author?: ApiUser & { bot?: boolean }): Account;
  /** What discord.js's cache knows of a channel; only the ids when it is not cached. */
  channel(id: string, guildId?: string | null): ChannelFacts;
  /** The other user of a DM channel. */
  dmRecipient(channelId: string): Account | undefined;
  /**
   * Publishes with the turn's interaction and attributes (from the turn's context, or `context` outside a turn);
   * never throws.
   */
  publish(type: MessageEventType, data: MessageEventData, details?: PublishDetails): void;
  report(error: unknown, code?: string): void;
}

export function createState(input: {
  client: Client;
  publisher: AdapterPublisher<DiscordContext>;
  ledger: Ledger;
  options: ResolvedOptions;
}): AdapterState {
  const { client, publisher } = input;
  const state: AdapterState = {
    owner: {},
    ...input,
    active: true,
    bot: (author) => {
      if (client.user) return accountFromUser(client.user);
      if (author?.bot) return accountFromPayload(author);
      return { id: client.application?.id ?? '' };
    },
    channel: (id, guildId) => {
      const cached = client.channels.cache.get(id);
      if (cached) return channelFacts(cached);
      return { id, ...(guildId && { guildId }) };
    },
    dmRecipient: (channelId) => {
      const channel = client.channels.cache.get(channelId);
      if (!channel || channel.type !== DM_CHANNEL || !('recipientId' in channel)) return undefined;
      const recipientId = channel.recipientId;
      const user = client.users.cache.get(recipientId);
      return user ? accountFromUser(user) : { id: recipientId };
    },
    publish: (type, data, details = {}) => {
      if (!state.active) return;
      publisher.publish(type, data, {
        turn: details.scope?.turn,
        context: details.scope?.context ?? details.context,
        ...(details.timestamp && { timestamp: details.timestamp }),
      });
    },
    report: (error, code) => publisher.report(error, code),
  };
  return state;
}
