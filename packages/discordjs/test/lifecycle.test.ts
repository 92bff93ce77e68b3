import { EventEmitter } from 'node:events';
import { createWebhooks } from '@bothooks/core';
import { Client, REST, type TextChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { attachWebhooks, tagInteraction } from '../src/index';
import { startBotsClosedAfterEach, summary } from './harness';

const bot = startBotsClosedAfterEach();

function isPristine(client: Client): boolean {
  return (
    !Object.hasOwn(client, 'emit') &&
    client.emit === EventEmitter.prototype.emit &&
    !Object.hasOwn(client.rest, 'request') &&
    client.rest.request === REST.prototype.request
  );
}

describe('detach', () => {
  it('restores the client exactly, stops publishing, and leaves the bot working', async () => {
    const target = await bot({ attach: false });
    expect(isPristine(target.client)).toBe(true);
    const detach = attachWebhooks(target.client, target.hooks);
    expect(isPristine(target.client)).toBe(false);
    target.onMessage((message) => message.reply(`echo: ${message.content}`));
    target.discord.userSends('before');
    await target.handled(1);
    await target.settle();

    detach();
    detach();
    expect(isPristine(target.client)).toBe(true);
    target.discord.userSends('after');
    await target.handled(2);
    await target.settle();
    expect(target.events().map(summary)).toEqual(['message.received before', 'message.sent echo: before']);
    expect(
      target.discord.messages(target.discord.textChannel.id).map((message) => message.content),
    ).toContain('echo: after');
  });

  it('becomes a pass-through when detached under another attachment', async () => {
    const target = await bot({ attach: false });
    const other = createWebhooks({
      endpoints: [{ unsigned: true, url: target.receiver.url('/other') }],
      logger: false,
    });
    const first = attachWebhooks(target.client, target.hooks);
    const second = attachWebhooks(target.client, other);
    target.onMessage((message) => message.reply('ok'));
    first();
    target.discord.userSends('one');
    await target.handled(1);
    await target.settle();
    await other.flush();
    expect(target.events()).toEqual([]);
    expect(target.events('/other').map(summary)).toEqual(['message.received one', 'message.sent ok']);
    second();
    await other.close();
    // The first wrapper could not be removed without removing the second: it stays, passing everything through.
    expect(Object.hasOwn(target.client, 'emit')).toBe(true);
    target.discord.userSends('two');
    await target.handled(2);
    await target.settle();
    expect(target.events()).toEqual([]);
    expect(
      target.discord.messages(target.discord.textChannel.id).filter((message) => message.content === 'ok'),
    ).toHaveLength(2);
  });

  it('restores a client with no trace when every attachment is detached in reverse order', async () => {
    const client = new Client({ intents: [] });
    const hooks = createWebhooks({ endpoints: [], logger: false });
    const inner = attachWebhooks(client, hooks, { warnings: false });
    const outer = attachWebhooks(client, hooks, { warnings: false });
    outer();
    inner();
    expect(isPristine(client)).toBe(true);
    await hooks.close();
    await client.destroy();
  });
});

describe('attach', () => {
  it('reports every message once when the same webhooks are attached twice, and says so', async () => {
    const target = await bot();
    const again = attachWebhooks(target.client, target.hooks);
    expect(target.errors.map((report) => report.code)).toEqual(['ALREADY_ATTACHED']);
    target.onMessage((message) => message.reply('once'));
    target.discord.userSends('hi');
    await target.handled(1);
    await target.settle();
    expect(target.events().map(summary)).toEqual(['message.received hi', 'message.sent once']);
    again();
    expect(isPristine(target.client)).toBe(true);
  });

  it('works when attached after login and after the bot registered its listeners', async () => {
    const target = await bot({ attachAfterLogin: true });
    target.onMessage((message) => message.reply('late but complete'));
    target.discord.userSends('hi');
    await target.handled(1);
    await target.settle();
    expect(target.events().map(summary)).toEqual(['message.received hi', 'message.sent late but complete']);
  });

  it('sees replies made by listeners registered before it was attached', async () => {
    const target = await bot({ attach: false });
    target.onMessage((message) => message.reply('registered first'));
    attachWebhooks(target.client, target.hooks);
    target.discord.userSends('hi');
    await target.handled(1);
    await target.settle();
    const events = target.events();
    expect(events.map(summary)).toEqual(['message.received hi', 'message.sent registered first']);
    expect(events[1]?.data.user?.id).toBe(target.discord.user.id);
  });
});

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
