import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { attachWebhooks } from '../src/index';
import { launch, setup, summary } from './harness';

describe('never waiting for the endpoint', () => {
  it('keeps polling and answering while every webhook answer is held', async () => {
    const { telegram, bot, hooks, receiver } = await setup();
    let delivered = 0;
    hooks.on('delivered', () => {
      delivered += 1;
    });
    bot.on('text', (context) => context.reply(`echo: ${context.message.text}`));
    attachWebhooks(bot, hooks);
    const release = receiver.hold();
    launch(bot);
    for (const text of ['one', 'two', 'three']) {
      telegram.pushUpdate(telegram.updates.text(text));
      await telegram.waitForCalls('sendMessage', ['one', 'two', 'three'].indexOf(text) + 1);
    }
    // Every update was fetched, handled and answered, and its events reached the endpoint, which has not answered.
    await receiver.waitFor(6);
    expect(delivered).toBe(0);
    expect(telegram.callsTo('sendMessage').map((call) => call.params.text)).toEqual([
      'echo: one',
      'echo: two',
      'echo: three',
    ]);
    release();
    await hooks.flush({ timeoutMs: 5_000 });
    expect(delivered).toBe(6);
  });

  it('answers webhook deliveries while every webhook answer is held', async () => {
    const { telegram, bot, hooks, receiver } = await setup();
    let delivered = 0;
    hooks.on('delivered', () => {
      delivered += 1;
    });
    bot.on('text', (context) => context.reply('ok'));
    attachWebhooks(bot, hooks);
    const server = createServer(bot.webhookCallback('/telegram'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await bot.telegram.setWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`);
    const release = receiver.hold();
    telegram.pushUpdate(telegram.updates.text('hi'));
    telegram.pushUpdate(telegram.updates.text('again'));
    // Telegram got its HTTP answer for both updates, and the bot replied to both, while no webhook was answered.
    const deliveries = await telegram.waitForDeliveries(2);
    expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
    await telegram.waitForCalls('sendMessage', 2);
    await receiver.waitFor(4);
    expect(delivered).toBe(0);
    release();
    await hooks.flush({ timeoutMs: 5_000 });
    expect(delivered).toBe(4);
  });

  it('keep the bot answering when the webhook endpoint is gone', async () => {
    const { telegram, bot, hooks, receiver } = await setup();
    const failed: string[] = [];
    hooks.on('failed', (event) => failed.push(event.type));
    const errors: unknown[] = [];
    bot.catch((error) => {
      errors.push(error);
    });
    bot.on('text', (context) => context.reply('still here'));
    attachWebhooks(bot, hooks);
    await receiver.close();
    await bot.handleUpdate(telegram.updates.text('anyone?'));
    await bot.handleUpdate(telegram.updates.text('hello?'));
    expect(telegram.callsTo('sendMessage').map((call) => call.params.text)).toEqual([
      'still here',
      'still here',
    ]);
    expect(errors).toEqual([]);
    // Nothing is lost silently: each event either failed (retries spent) or is reported undelivered at close
    // (held back by the endpoint's open circuit).
    const { undelivered } = await hooks.close({ timeoutMs: 300 });
    expect([...failed, ...undelivered.map((message) => message.type)].sort()).toEqual([
      'message.received',
      'message.received',
      'message.sent',
      'message.sent',
    ]);
  });

  it('never let a faulty attributes function reach the bot', async () => {
    const { telegram, bot, hooks, delivered } = await setup();
    const reported: string[] = [];
    hooks.on('error', (report) => reported.push(report.code));
    bot.on('text', (context) => context.reply('fine'));
    attachWebhooks(bot, hooks, {
      attributes: () => {
        throw new Error('attributes bug');
      },
    });
    await bot.handleUpdate(telegram.updates.text('hi'));
    expect((await delivered()).map(summary)).toEqual(['message.received hi', 'message.sent fine']);
    expect(reported).toEqual(['ATTRIBUTES_FAILED', 'ATTRIBUTES_FAILED']);
  });
});
