import { EventEmitter } from 'node:events';
import { createWebhooks } from '@bothooks/core';
import { Client, REST } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
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
    const others = createWebhooks({ endpoints: [], logger: false });
    const inner = attachWebhooks(client, hooks, { warnings: false });
    const outer = attachWebhooks(client, others, { warnings: false });
    outer();
    inner();
    expect(isPristine(client)).toBe(true);
    await hooks.close();
    await others.close();
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
    // The duplicate's detach does nothing: the first attachment stays.
    again();
    expect(isPristine(target.client)).toBe(false);
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
