import { Composer } from 'grammy';
import { describe, expect, it } from 'vitest';
import { attachWebhooks, interaction, webhookMiddleware } from '../src/index';
import { type Harness, setup, summary } from './harness';

function scopedSetup(): Promise<Harness> {
  return setup({
    endpoints: (url) => [
      { id: 'all', url: url('/all') },
      { id: 'orders', url: url('/orders'), interactions: ['order'] },
    ],
  });
}

describe('webhookMiddleware', () => {
  it('reports what runs after it, through ctx and ctx.api', async () => {
    const { telegram, bot, hooks, handle, delivered } = await scopedSetup();
    const shop = new Composer();
    shop.command('order', interaction('order'), async (context) => {
      const sent = await context.reply('Order #1');
      await context.api.editMessageText(sent.chat.id, sent.message_id, 'Order #1 (paid)');
    });
    bot.use(webhookMiddleware(hooks));
    bot.use(shop);
    await handle(telegram.updates.text('/order'));
    expect((await delivered('/orders')).map(summary)).toEqual([
      'message.received /order',
      'message.sent Order #1',
      'message.edited Order #1 (paid)',
    ]);
  });

  it('does not see bot.api calls outside updates: that needs attachWebhooks', async () => {
    const { telegram, bot, hooks, delivered } = await scopedSetup();
    bot.use(webhookMiddleware(hooks));
    await bot.api.sendMessage(telegram.botInfo.id, 'not seen');
    expect(await delivered()).toEqual([]);
  });

  it('reports each update once next to attachWebhooks with the same hooks, and warns once', async () => {
    const { telegram, bot, hooks, handle, delivered } = await scopedSetup();
    const warnings: string[] = [];
    hooks.on('error', (report) => warnings.push(report.code));
    bot.use(webhookMiddleware(hooks));
    bot.on('message:text', (context) => context.reply('once'));
    attachWebhooks(bot, hooks);
    await handle(telegram.updates.text('hi'));
    await handle(telegram.updates.text('again'));
    expect((await delivered()).map(summary)).toEqual([
      'message.received hi',
      'message.sent once',
      'message.received again',
      'message.sent once',
    ]);
    expect(warnings).toEqual(['ALREADY_ATTACHED']);
  });
});
