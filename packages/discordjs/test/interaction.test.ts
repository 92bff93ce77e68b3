import type { TextChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { tagInteraction } from '../src/index';
import { startBotsClosedAfterEach, summary } from './harness';

const bot = startBotsClosedAfterEach();

describe('tagInteraction', () => {
  it('tags the current turn when given an object it does not know, and reports an invalid name', async () => {
    const target = await bot({
      endpoints: (receiver) => [
        { unsigned: true, id: 'orders', url: receiver.url('/orders'), interactions: ['order'] },
      ],
    });
    const results: boolean[] = [];
    target.onMessage(async (message) => {
      const reply = await message.reply('which size?');
      results.push(tagInteraction(reply, 'order'));
      results.push(tagInteraction(message, ''));
    });
    target.discord.userSends('order a shirt');
    await target.handled(1);
    await target.settle();
    expect(results).toEqual([true, false]);
    expect(target.events('/orders').map(summary)).toEqual(['message.received order a shirt']);
    expect(target.errors.map((report) => report.code)).toContain('INVALID_INTERACTION');
  });

  it('returns false outside any turn', async () => {
    const target = await bot();
    const channel = (await target.client.channels.fetch(target.discord.textChannel.id)) as TextChannel;
    const sent = await channel.send('not a turn');
    expect(tagInteraction(sent, 'order')).toBe(false);
  });
});
