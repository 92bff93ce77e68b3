import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { serveWebhook, setup, start, summary } from './harness';

describe('never waiting for the endpoint', () => {
  it('keeps polling and answering while every webhook answer is held', async () => {
    const { telegram, bot, hooks, receiver } = await setup();
    let delivered = 0;
    hooks.on('delivered', () => {
      delivered += 1;
    });
    bot.on('message:text', (context) => context.reply(`echo: ${context.message.text}`));
    attachWebhooks(bot, hooks);
    const release = receiver.hold();
    await start(bot);
    for (const [index, text] of ['one', 'two', 'three'].entries()) {
      telegram.pushUpdate(telegram.updates.text(text));
      await telegram.waitForCalls('sendMessage', index + 1);
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

  it('answers webhookCallback deliveries while every webhook answer is held', async () => {
    const { telegram, bot, hooks, receiver } = await setup();
    let delivered = 0;
    hooks.on('delivered', () => {
      delivered += 1;
    });
    bot.on('message:text', (context) => context.reply('ok'));
    attachWebhooks(bot, hooks);
    await serveWebhook(bot);
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

  it('keeps the bot answering when the webhook endpoint is gone', async () => {
    const { telegram, bot, hooks, handle, receiver } = await setup();
    const failed: string[] = [];
    hooks.on('failed', (event) => failed.push(event.type));
    bot.on('message:text', (context) => context.reply('still here'));
    attachWebhooks(bot, hooks);
    await receiver.close();
    await handle(telegram.updates.text('anyone?'));
    await handle(telegram.updates.text('hello?'));
    expect(telegram.callsTo('sendMessage').map((call) => call.params.text)).toEqual([
      'still here',
      'still here',
    ]);
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

  it('never lets a faulty attributes function reach the bot', async () => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    const reported: string[] = [];
    hooks.on('error', (report) => reported.push(report.code));
    bot.on('message:text', (context) => context.reply('fine'));
    attachWebhooks(bot, hooks, {
      attributes: () => {
        throw new Error('attributes bug');
      },
    });
    await handle(telegram.updates.text('hi'));
    expect((await delivered()).map(summary)).toEqual(['message.received hi', 'message.sent fine']);
    expect(reported).toEqual(['ATTRIBUTES_FAILED', 'ATTRIBUTES_FAILED']);
  });
});
