import type { TextChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { startBotsClosedAfterEach, summary } from './harness';

const bot = startBotsClosedAfterEach();

describe('never slows or breaks the bot', () => {
  it('keeps answering while every webhook answer is held', async () => {
    const target = await bot();
    const release = target.receiver.hold();
    let delivered = 0;
    target.hooks.on('delivered', () => {
      delivered += 1;
    });
    target.onMessage((message) => message.reply(`echo: ${message.content}`));
    for (const [index, text] of ['one', 'two', 'three'].entries()) {
      target.discord.userSends(text);
      await target.handled(index + 1);
    }
    const replies = target.discord
      .messages(target.discord.textChannel.id)
      .filter((message) => message.author.bot);
    expect(replies.map((message) => message.content)).toEqual(['echo: one', 'echo: two', 'echo: three']);
    await target.receiver.waitFor(6);
    expect(delivered).toBe(0);
    release();
    await target.settle();
    expect(delivered).toBe(6);
  });

  it('returns exactly what discord.js returns, and rethrows exactly what it throws', async () => {
    const target = await bot();
    const channel = (await target.client.channels.fetch(target.discord.textChannel.id)) as TextChannel;
    const raw = await target.client.rest.post(`/channels/${channel.id}/messages`, {
      body: { content: 'raw call' },
    });
    expect(raw).toEqual(target.discord.message((raw as { id: string }).id));
    target.discord.fail({
      method: 'DELETE',
      path: /\/messages\/\d+$/,
      status: 404,
      code: 10008,
      message: 'Unknown Message',
    });
    const failure = await target.client.rest
      .delete(`/channels/${channel.id}/messages/${(raw as { id: string }).id}`)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'DiscordAPIError[10008]', status: 404, method: 'DELETE' });
    await target.settle();
    expect(target.events().map(summary)).toEqual(['message.sent raw call']);
  });

  it('lets an error thrown by a listener reach discord.js’s error event, after the reply it sent is reported', async () => {
    const target = await bot();
    target.client.on('messageCreate', async (message) => {
      if (message.author.bot) return;
      await message.reply('about to fail');
      throw new Error('handler failure');
    });
    target.discord.userSends('fail');
    await target.nextOwnMessage();
    await target.settle();
    expect(target.clientErrors).toEqual([expect.objectContaining({ message: 'handler failure' })]);
    expect(target.events().map(summary)).toEqual(['message.received fail', 'message.sent about to fail']);
  });
});
