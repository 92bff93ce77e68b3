import type { Account, MessageEventData, MessageEventType } from '@bothooks/core';
import type { AdapterAttachment, AdapterPublisher, Turn } from '@bothooks/core/adapter';
import type { Client } from 'discord.js';
import { type ApiUser, accountFromPayload, accountFromUser } from '../mapping/accounts';
import { type ChannelFacts, channelFacts } from '../mapping/conversation';
import type { DiscordContext, ResolvedOptions } from '../options';
import type { Ledger } from './ledger';

/** Discord API `ChannelType.DM`. */
const DM_CHANNEL = 1;

/**
 * What a turn (the handling of one inbound message or interaction) remembers: where it happened and the human
 * who started it, the user of its replies in the same channel. discord.js calls every listener synchronously
 * inside `emit`, and the kit's `AsyncLocalStorage` follows their awaits, timers and REST calls.
 */
export interface TurnFacts {
  readonly channelId: string;
  readonly user: Account | undefined;
}

/** A turn of this adapter. */
export type DiscordTurn = Turn<DiscordContext, TurnFacts>;

/** Where an event belongs: the turn it is part of, or the object it is about, and when it happened. */
export interface PublishDetails {
  turn?: DiscordTurn | undefined;
  context?: DiscordContext | undefined;
  timestamp?: string | number | Date | null | undefined;
}

/** What the inbound and outbound halves of one attachment share. */
export interface AdapterState {
  readonly attachment: AdapterAttachment<DiscordContext, TurnFacts>;
  readonly client: Client;
  readonly publisher: AdapterPublisher<DiscordContext>;
  readonly ledger: Ledger;
  readonly options: ResolvedOptions;
  /** The bot's account; `author` stands in before the client is logged in (REST results carry it). */
  bot(author?: ApiUser & { bot?: boolean }): Account;
  /** What discord.js's cache knows of a channel; only the ids when it is not cached. */
  channel(id: string, guildId?: string | null): ChannelFacts;
  /** The other user of a DM channel. */
  dmRecipient(channelId: string): Account | undefined;
  /** Publishes with the turn's interaction and attributes (or those of `context` outside a turn); never throws. */
  publish(type: MessageEventType, data: MessageEventData, details?: PublishDetails): void;
}

export function createState(input: {
  attachment: AdapterAttachment<DiscordContext, TurnFacts>;
  client: Client;
  ledger: Ledger;
  options: ResolvedOptions;
}): AdapterState {
  const { client, attachment } = input;
  const { publisher } = attachment;
  return {
    ...input,
    publisher,
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
      publisher.publish(type, data, {
        turn: details.turn,
        context: details.context,
        ...(details.timestamp && { timestamp: details.timestamp }),
      });
    },
  };
}
