import {
  type AdapterOptions,
  type ResolvedAdapterOptions,
  resolveAdapterOptions,
} from '@bothooks/core/adapter';
import type { Interaction, Message, PartialMessage } from 'discord.js';

/**
 * What `attributes` receives: the discord.js object the event is about. For inbound events and for everything
 * the bot sends while handling them, the message or interaction that started the turn; for edits and deletes
 * seen on the gateway, the cached message (absent when it was never cached).
 */
export type DiscordContext = Message | PartialMessage | Interaction;

/** Options of {@link attachWebhooks}. */
export interface DiscordjsWebhooksOptions extends AdapterOptions<DiscordContext> {
  /**
   * Also report the bot's own messages that this client did not send: the gateway delivers them (as it
   * delivers every message in the channels the bot can see) when another process uses the same token, such as
   * another shard or a REST-only worker. They become outbound `message.sent` / `message.edited` events once the
   * REST calls this client has in flight have answered, so nothing this client sends is reported twice.
   * Ephemeral replies and channels without the matching intent never reach the gateway, so they stay unseen.
   * @default false
   */
  reportGatewayOnlySends?: boolean;
  /**
   * At attach, report (through the webhooks' `error` event, or the logger when nobody listens) each way the
   * client's intents and partials hide inbound messages: no `GuildMessages` / `DirectMessages` intent, no
   * privileged `MessageContent` intent, no `Partials.Channel` for direct messages. Codes:
   * `GUILD_MESSAGES_INVISIBLE`, `DIRECT_MESSAGES_INVISIBLE`, `MESSAGE_CONTENT_INVISIBLE`.
   * @default true
   */
  warnings?: boolean;
}

/** The options with their defaults applied. */
export type ResolvedOptions = ResolvedAdapterOptions<
  DiscordContext,
  { reportGatewayOnlySends: boolean; warnings: boolean }
>;

/** Checks the options of `attachWebhooks` and applies their defaults; a mistake throws a `ConfigError`. */
export function resolveOptions(input: unknown): ResolvedOptions {
  return resolveAdapterOptions(input, '@bothooks/discordjs', {
    reportGatewayOnlySends: false,
    warnings: true,
  });
}
