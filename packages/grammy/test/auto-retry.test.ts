import { FAKE_USER } from '@bothooks/testkit/telegram';
import { autoRetry } from '@grammyjs/auto-retry';
import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { setup, summary } from './harness';

const EVERY_EVENT = [
  'message.received',
  'message.sent',
  'message.edited',
  'message.deleted',
  'message.failed',
] as const;

// Telegram's flood limit, as @grammyjs/auto-retry waits it out (retry_after 0 keeps the test fast).
const FLOOD = {
  error_code: 429,
  description: 'Too Many Requests: retry after 0',
  parameters: { retry_after: 0 },
};

describe('behind @grammyjs/auto-retry', () => {
  it.each([
    ['installed before attachWebhooks', 'before'],
    ['installed after attachWebhooks', 'after'],
  ])('reports one logical call with its final answer, auto-retry %s', async (_title, order) => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    bot.on('message:text', (context) => context.reply('made it'));
    if (order === 'before') bot.api.config.use(autoRetry());
    attachWebhooks(bot, hooks, { events: [...EVERY_EVENT] });
    if (order === 'after') bot.api.config.use(autoRetry());
    telegram.fail('sendMessage', FLOOD, { times: 2 });
    await handle(telegram.updates.text('hi'));
    telegram.fail('sendMessage', FLOOD, { times: 1 });
    await bot.api.sendMessage(FAKE_USER.id, 'broadcast');
    // Five attempts reached Telegram, three refused: the webhooks see two sends, never a refusal.
    expect(telegram.callsTo('sendMessage').map((call) => call.response?.ok)).toEqual([
      false,
      false,
      true,
      false,
      true,
    ]);
    expect((await delivered()).map(summary)).toEqual([
      'message.received hi',
      'message.sent made it',
      'message.sent broadcast',
    ]);
  });

  it('stays outermost over a retry transformer a handler installs on its own ctx.api', async () => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    bot.on('message:text', async (context) => {
      context.api.config.use(autoRetry());
      await context.reply('made it');
    });
    attachWebhooks(bot, hooks, { events: [...EVERY_EVENT] });
    telegram.fail('sendMessage', FLOOD, { times: 1 });
    await handle(telegram.updates.text('hi'));
    expect(telegram.callsTo('sendMessage')).toHaveLength(2);
    expect((await delivered()).map(summary)).toEqual(['message.received hi', 'message.sent made it']);
  });

  it('reports the final refusal once when the retries give up', async () => {
    const { telegram, bot, hooks, delivered } = await setup();
    bot.api.config.use(autoRetry({ maxRetryAttempts: 1 }));
    attachWebhooks(bot, hooks, { events: [...EVERY_EVENT] });
    telegram.fail('sendMessage', FLOOD, { times: 2 });
    await expect(bot.api.sendMessage(FAKE_USER.id, 'too fast')).rejects.toMatchObject({ error_code: 429 });
    expect(telegram.callsTo('sendMessage')).toHaveLength(2);
    const events = await delivered();
    expect(events.map(summary)).toEqual(['message.failed too fast']);
    expect(events[0]?.data.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429 });
  });

  it('reports each logical call once with two Webhooks attached, whatever the order of the plugins', async () => {
    const { telegram, bot, hooks, receiver, delivered } = await setup();
    const { createWebhooks } = await import('@bothooks/core');
    const second = createWebhooks({
      endpoints: [{ id: 'second', url: receiver.url('/second'), unsigned: true }],
      logger: false,
    });
    attachWebhooks(bot, hooks);
    bot.api.config.use(autoRetry());
    attachWebhooks(bot, second);
    bot.api.config.use(autoRetry());
    telegram.fail('sendMessage', FLOOD, { times: 1 });
    await bot.api.sendMessage(FAKE_USER.id, 'once each');
    await second.flush({ timeoutMs: 5_000 });
    expect((await delivered()).map(summary)).toEqual(['message.sent once each']);
    expect((await delivered('/second')).map(summary)).toEqual(['message.sent once each']);
    await second.close();
  });
});
