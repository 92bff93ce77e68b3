import { describe, expect, it } from 'vitest';
import { attachWebhooks, interaction, tagInteraction } from '../src/index';
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
    const tagged: boolean[] = [];
    bot.on('text', async (context) => {
      if (context.message.text.includes('buy')) tagged.push(tagInteraction(context, 'order'));
      await context.reply('Noted');
    });
    attachWebhooks(bot, hooks);
    await bot.handleUpdate(telegram.updates.text('just looking'));
    await bot.handleUpdate(telegram.updates.text('I want to buy'));
    expect((await delivered('/orders')).map(summary)).toEqual([
      'message.received I want to buy',
      'message.sent Noted',
    ]);
    expect(tagged).toEqual([true]);
  });

  it('ignores tags when nothing is attached, and refuses an empty interaction name', async () => {
    const { telegram, bot, delivered } = await scopedSetup();
    const tagged: boolean[] = [];
    bot.on('text', async (context) => {
      tagged.push(tagInteraction(context, 'order'));
      await context.reply('fine');
    });
    await bot.handleUpdate(telegram.updates.text('hi'));
    expect(tagged).toEqual([false]);
    expect(telegram.callsTo('sendMessage')).toHaveLength(1);
    expect(await delivered()).toEqual([]);
    expect(() => interaction('')).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'interaction' }),
    );
  });
});
