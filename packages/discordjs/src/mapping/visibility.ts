import { GatewayIntentBits, Partials } from 'discord.js';

/** A reason some inbound messages will never reach the bot, and so never become events. */
export interface VisibilityWarning {
  code: 'GUILD_MESSAGES_INVISIBLE' | 'DIRECT_MESSAGES_INVISIBLE' | 'MESSAGE_CONTENT_INVISIBLE';
  message: string;
}

/** The client settings that decide what the gateway delivers and what discord.js emits. */
export interface VisibilitySettings {
  /** The client's intents bitfield (`client.options.intents.bitfield`). */
  intents: number;
  /** `client.options.partials`. */
  partials: readonly Partials[];
}

function has(intents: number, intent: GatewayIntentBits): boolean {
  return (intents & intent) === intent;
}

/**
 * Explains which inbound messages the client cannot see: without `GuildMessages` or `DirectMessages` Discord
 * does not send them; without `MessageContent` guild messages arrive with empty text; and without
 * `Partials.Channel` discord.js drops direct messages (their channels are never cached in advance).
 */
export function visibilityWarnings(settings: VisibilitySettings): VisibilityWarning[] {
  const { intents, partials } = settings;
  const warnings: VisibilityWarning[] = [];
  const channelPartial = partials.includes(Partials.Channel);
  if (!has(intents, GatewayIntentBits.GuildMessages)) {
    warnings.push({
      code: 'GUILD_MESSAGES_INVISIBLE',
      message:
        'the client lacks the GuildMessages intent: messages in servers are never received, so no message.received, message.edited or message.deleted for them',
    });
  } else {
    if (!has(intents, GatewayIntentBits.Guilds) && !channelPartial) {
      warnings.push({
        code: 'GUILD_MESSAGES_INVISIBLE',
        message:
          'the client lacks the Guilds intent and Partials.Channel: discord.js cannot resolve server channels and drops their messages',
      });
    }
    if (!has(intents, GatewayIntentBits.MessageContent)) {
      warnings.push({
        code: 'MESSAGE_CONTENT_INVISIBLE',
        message:
          'the client lacks the privileged MessageContent intent: server messages that do not mention the bot arrive without text, attachments or embeds',
      });
    }
  }
  if (!has(intents, GatewayIntentBits.DirectMessages)) {
    warnings.push({
      code: 'DIRECT_MESSAGES_INVISIBLE',
      message: 'the client lacks the DirectMessages intent: direct messages to the bot are never received',
    });
  } else if (!channelPartial) {
    warnings.push({
      code: 'DIRECT_MESSAGES_INVISIBLE',
      message:
        'the client lacks Partials.Channel: discord.js drops direct messages from users whose DM channel is not cached, so they are never received',
    });
  }
  return warnings;
}
