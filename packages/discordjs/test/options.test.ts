import { ConfigError, createWebhooks, type Webhooks } from '@bothooks/core';
import { Client } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';

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
