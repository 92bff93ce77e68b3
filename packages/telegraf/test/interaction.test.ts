import { Composer } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { attachWebhooks, interaction, tagInteraction, webhookMiddleware } from '../src/index';
import { type Harness, setup, summary } from './harness';

function scopedSetup(): Promise<Harness> {
  return setup({
    endpoints: (url) => [
      { id: 'all', url: url('/all') },
      { id: 'orders', url: url('/orders'), interactions: ['order'] },
    ],
  });
}

describe('per-interaction webhooks', () => {
  it('sends a turn tagged by the interaction() middleware to its endpoints, and everything to the others', async () => {
    const { telegram, bot, hooks, delivered } = await scopedSetup();
    bot.command('order', interaction('order'), (context) => context.reply('What would you like?'));
    bot.on('text', (context) => context.reply('Hello!'));
    attachWebhooks(bot, hooks);
    await bot.handleUpdate(telegram.updates.text('hi'));
    await bot.handleUpdate(telegram.updates.text('/order'));
    const orders = await delivered('/orders');
    expect(orders.map(summary)).toEqual(['message.received /order', 'message.sent What would you like?']);
    expect(orders.every((event) => event.data.interaction === 'order')).toBe(true);
    const everything = await delivered('/all');
    expect(everything.map((event) => [summary(event), event.data.interaction])).toEqual([
      ['message.received hi', undefined],
      ['message.sent Hello!', undefined],
      ['message.received /order', undefined],
      ['message.sent What would you like?', 'order'],
    ]);
  });

  it('tags from inside a handler with tagInteraction', async () => {
    const { telegram, bot, hooks, delivered } = await scopedSetup();
    bot.on('text', async (context) => {
      if (context.message.text.includes('buy')) tagInteraction(context, 'order');
      await context.reply('Noted');
    });
    attachWebhooks(bot, hooks);
    await bot.handleUpdate(telegram.updates.text('just looking'));
    await bot.handleUpdate(telegram.updates.text('I want to buy'));
    expect((await delivered('/orders')).map(summary)).toEqual([
      'message.received I want to buy',
      'message.sent Noted',
    ]);
  });

  it('ignores tags when nothing is attached, and refuses an empty interaction name', async () => {
    const { telegram, bot, delivered } = await scopedSetup();
    bot.on('text', async (context) => {
      tagInteraction(context, 'order');
      await context.reply('fine');
    });
    await bot.handleUpdate(telegram.updates.text('hi'));
    expect(telegram.callsTo('sendMessage')).toHaveLength(1);
    expect(await delivered()).toEqual([]);
    expect(() => interaction('')).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'interaction' }),
    );
  });
});

describe('webhookMiddleware', () => {
  it('reports what runs after it, through ctx and ctx.telegram', async () => {
    const { telegram, bot, hooks, delivered } = await scopedSetup();
    const shop = new Composer();
    shop.command('order', interaction('order'), async (context) => {
      const sent = await context.reply('Order #1');
      await context.telegram.editMessageText(sent.chat.id, sent.message_id, undefined, 'Order #1 (paid)');
    });
    bot.use(webhookMiddleware(hooks));
    bot.use(shop);
    await bot.handleUpdate(telegram.updates.text('/order'));
    expect((await delivered('/orders')).map(summary)).toEqual([
      'message.received /order',
      'message.sent Order #1',
      'message.edited Order #1 (paid)',
    ]);
  });

  it('does not see bot.telegram calls outside updates: that needs attachWebhooks', async () => {
    const { telegram, bot, hooks, delivered } = await scopedSetup();
    bot.use(webhookMiddleware(hooks));
    await bot.telegram.sendMessage(telegram.botInfo.id, 'not seen');
    expect(await delivered()).toEqual([]);
  });
});
