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
  it('sends an update tagged by the interaction() middleware to its endpoints, and everything to the others', async () => {
    const { telegram, bot, hooks, handle, delivered } = await scopedSetup();
    bot.command('order', interaction('order'), (context) => context.reply('What would you like?'));
    bot.on('message:text', (context) => context.reply('Hello!'));
    attachWebhooks(bot, hooks);
    await handle(telegram.updates.text('hi'));
    await handle(telegram.updates.text('/order'));
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

  it('tags from inside a handler with tagInteraction, and from a context a plugin wrapped', async () => {
    const { telegram, bot, hooks, handle, delivered } = await scopedSetup();
    const tagged: boolean[] = [];
    bot.on('message:text', async (context) => {
      // Plugins such as conversations hand handlers another object than the update's context.
      const wrapped = Object.create(context) as typeof context;
      if (context.message.text.includes('buy')) tagged.push(tagInteraction(wrapped, 'order'));
      await context.reply('Noted');
    });
    attachWebhooks(bot, hooks);
    await handle(telegram.updates.text('just looking'));
    await handle(telegram.updates.text('I want to buy'));
    expect((await delivered('/orders')).map(summary)).toEqual([
      'message.received I want to buy',
      'message.sent Noted',
    ]);
    expect(tagged).toEqual([true]);
  });

  it('keeps the tags of overlapping updates apart', async () => {
    const { telegram, bot, hooks, handle, delivered } = await scopedSetup();
    bot.on('message:text', async (context) => {
      if (context.message.text === 'order') tagInteraction(context, 'order');
      await new Promise((resolve) => setTimeout(resolve, context.message.text === 'order' ? 30 : 0));
      await context.reply(`re: ${context.message.text}`);
    });
    attachWebhooks(bot, hooks);
    await Promise.all([handle(telegram.updates.text('order')), handle(telegram.updates.text('chat'))]);
    expect((await delivered('/orders')).map(summary)).toEqual([
      'message.received order',
      'message.sent re: order',
    ]);
  });

  it('ignores tags when nothing is attached, and refuses an empty interaction name', async () => {
    const { telegram, bot, handle, delivered } = await scopedSetup();
    const tagged: boolean[] = [];
    bot.on('message:text', async (context) => {
      tagged.push(tagInteraction(context, 'order'));
      await context.reply('fine');
    });
    await handle(telegram.updates.text('hi'));
    expect(tagged).toEqual([false]);
    expect(telegram.callsTo('sendMessage')).toHaveLength(1);
    expect(await delivered()).toEqual([]);
    expect(() => interaction('')).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'interaction' }),
    );
  });
});
