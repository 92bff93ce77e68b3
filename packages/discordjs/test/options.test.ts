import { ConfigError, createWebhooks, type Webhooks } from '@bothooks/core';
import { Client } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { startBotsClosedAfterEach, summary } from './harness';

const bot = startBotsClosedAfterEach();

let client: Client;
let hooks: Webhooks;
beforeEach(() => {
  client = new Client({ intents: [] });
  hooks = createWebhooks({ endpoints: [], logger: false });
});
afterEach(async () => {
  await client.destroy();
  await hooks.close();
});

function configErrorOf(attach: () => unknown): ConfigError {
  try {
    attach();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('attachWebhooks options', () => {
  it.each([
    ['options', 'not options'],
    ['events[1]', { events: ['message.sent', 'message.nope'] }],
    ['events', { events: 'message.sent' }],
    ['includeText', { includeText: 'yes' }],
    ['attributes', { attributes: { locale: 'en' } }],
    ['reportGatewayOnlySends', { reportGatewayOnlySends: 1 }],
    ['warnings', { warnings: 'off' }],
    ['includetext', { includetext: false }],
  ])('rejects a bad %s with a ConfigError naming it, before touching the client', (field, options) => {
    const error = configErrorOf(() => attachWebhooks(client, hooks, options as never));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.field).toBe(field);
    expect(Object.hasOwn(client, 'emit')).toBe(false);
    expect(Object.hasOwn(client.rest, 'request')).toBe(false);
  });

  it('rejects something that is not a discord.js client or not webhooks', () => {
    expect(configErrorOf(() => attachWebhooks({} as never, hooks)).field).toBe('client');
    expect(configErrorOf(() => attachWebhooks(client, { publish: 'no' } as never)).field).toBe('hooks');
  });

  it('accepts every documented option', () => {
    const detach = attachWebhooks(client, hooks, {
      events: ['message.received', 'message.sent', 'message.edited', 'message.deleted', 'message.failed'],
      includeText: false,
      attributes: () => ({ plan: 'pro' }),
      reportGatewayOnlySends: true,
      warnings: false,
    });
    expect(Object.hasOwn(client, 'emit')).toBe(true);
    detach();
    expect(Object.hasOwn(client, 'emit')).toBe(false);
  });
});

describe('options at work', () => {
  it('leaves text out with includeText: false, keeping ids and attachments', async () => {
    const target = await bot({ attach: { includeText: false } });
    target.onMessage((message) => message.reply('a private answer'));
    const inbound = target.discord.userSends('a private question', {
      attachments: [{ filename: 'notes.txt' }],
    });
    await target.handled(1);
    await target.settle();
    const events = target.events();
    expect(events.map((event) => event.type)).toEqual(['message.received', 'message.sent']);
    expect(events.every((event) => event.data.message.text === undefined)).toBe(true);
    expect(events[0]?.data.message).toMatchObject({
      id: inbound.id,
      attachments: [{ type: 'file', name: 'notes.txt' }],
    });
  });

  it('publishes only the events asked for', async () => {
    const target = await bot({ attach: { events: ['message.sent'] } });
    target.onMessage((message) => message.reply('answer'));
    target.discord.userSends('question');
    await target.handled(1);
    await target.settle();
    expect(target.events().map(summary)).toEqual(['message.sent answer']);
  });

  it('adds attributes from the message that started the turn, to the reply as well', async () => {
    const target = await bot({
      attach: {
        attributes: (context) => ({
          source: 'content' in context ? 'message' : 'interaction',
          channel: context.channelId,
        }),
      },
    });
    target.onMessage((message) => message.reply('ok'));
    target.discord.userSends('hi');
    await target.handled(1);
    await target.settle();
    const attributes = { source: 'message', channel: target.discord.textChannel.id };
    expect(target.events().map((event) => event.data.attributes)).toEqual([attributes, attributes]);
  });

  it('reports an attributes function that throws, and still publishes', async () => {
    const target = await bot({
      attach: {
        attributes: () => {
          throw new Error('no attributes today');
        },
      },
    });
    target.onMessage(() => undefined);
    target.discord.userSends('hi');
    await target.handled(1);
    await target.settle();
    expect(target.events().map(summary)).toEqual(['message.received hi']);
    expect(target.errors.map((report) => report.code)).toContain('ATTRIBUTES_FAILED');
  });
});
