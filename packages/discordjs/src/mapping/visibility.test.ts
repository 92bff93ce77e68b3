import { GatewayIntentBits as Intent, IntentsBitField, Partials } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { visibilityWarnings } from './visibility';

function codes(intents: Intent[], partials: Partials[] = []): string[] {
  return visibilityWarnings({ intents: new IntentsBitField(intents).bitfield, partials }).map(
    (warning) => warning.code,
  );
}

describe('visibilityWarnings', () => {
  const everything = [Intent.Guilds, Intent.GuildMessages, Intent.DirectMessages, Intent.MessageContent];

  it('says nothing when every message is visible', () => {
    expect(codes(everything, [Partials.Channel])).toEqual([]);
  });

  it('warns about DMs without Partials.Channel or without the DirectMessages intent', () => {
    expect(codes(everything)).toEqual(['DIRECT_MESSAGES_INVISIBLE']);
    expect(codes([Intent.Guilds, Intent.GuildMessages, Intent.MessageContent], [Partials.Channel])).toEqual([
      'DIRECT_MESSAGES_INVISIBLE',
    ]);
  });

  it('warns about server messages without GuildMessages, without Guilds, and without MessageContent', () => {
    expect(codes([Intent.DirectMessages], [Partials.Channel])).toEqual(['GUILD_MESSAGES_INVISIBLE']);
    expect(codes([Intent.GuildMessages, Intent.MessageContent, Intent.DirectMessages])).toEqual([
      'GUILD_MESSAGES_INVISIBLE',
      'DIRECT_MESSAGES_INVISIBLE',
    ]);
    expect(codes([Intent.Guilds, Intent.GuildMessages, Intent.DirectMessages], [Partials.Channel])).toEqual([
      'MESSAGE_CONTENT_INVISIBLE',
    ]);
  });

  it('lists everything a client with no intents misses', () => {
    expect(codes([])).toEqual(['GUILD_MESSAGES_INVISIBLE', 'DIRECT_MESSAGES_INVISIBLE']);
  });
});
