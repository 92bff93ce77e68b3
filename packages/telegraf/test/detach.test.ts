import { FAKE_USER } from '@bothooks/testkit/telegram';
import type { Telegraf, Telegram } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { setup, summary } from './harness';

function shape(bot: Telegraf): { bot: PropertyDescriptorMap; telegram: PropertyDescriptorMap } {
  return {
    bot: Object.getOwnPropertyDescriptors(bot),
    telegram: Object.getOwnPropertyDescriptors(bot.telegram),
  };
}

describe('detach', () => {
  it('restores the bot exactly and stops reporting', async () => {
    const { telegram, bot, hooks, delivered } = await setup();
    bot.on('text', (context) => context.reply('hi'));
    const before = shape(bot);
    const detach = attachWebhooks(bot, hooks);
    expect(Object.hasOwn(bot, 'middleware')).toBe(true);
    expect(Object.hasOwn(bot.telegram, 'callApi')).toBe(true);
    detach();
    detach();
    expect(shape(bot)).toEqual(before);
    expect(Object.hasOwn(bot, 'middleware')).toBe(false);
    expect(Object.hasOwn(bot.telegram, 'callApi')).toBe(false);
    await bot.handleUpdate(telegram.updates.text('after detach'));
    await bot.telegram.sendMessage(FAKE_USER.id, 'broadcast after detach');
    expect(telegram.callsTo('sendMessage')).toHaveLength(2);
    expect(await delivered()).toEqual([]);
  });

  it('reports every message once when the same hooks are attached twice, warns, and can attach again after detaching', async () => {
    const { telegram, bot, hooks, delivered } = await setup();
    const warnings: string[] = [];
    hooks.on('error', (report) => warnings.push(`${report.severity} ${report.code}`));
    bot.on('text', (context) => context.reply('hi'));
    const detach = attachWebhooks(bot, hooks);
    const duplicate = attachWebhooks(bot, hooks, { includeText: false });
    expect(warnings).toEqual(['warning ALREADY_ATTACHED']);
    await bot.handleUpdate(telegram.updates.text('once'));
    // The duplicate's detach does nothing: the first attachment, with its options, stays.
    duplicate();
    await bot.handleUpdate(telegram.updates.text('still once'));
    detach();
    attachWebhooks(bot, hooks);
    await bot.handleUpdate(telegram.updates.text('again'));
    expect((await delivered()).map(summary)).toEqual([
      'message.received once',
      'message.sent hi',
      'message.received still once',
      'message.sent hi',
      'message.received again',
      'message.sent hi',
    ]);
  });

  it('leaves a wrapper installed after it working, and stops reporting through it', async () => {
    const { bot, hooks, delivered } = await setup();
    const detach = attachWebhooks(bot, hooks);
    const seen: string[] = [];
    const ours = bot.telegram.callApi;
    const theirs: Telegram['callApi'] = function (this: Telegram, method, payload, options) {
      seen.push(method);
      return ours.bind(this)(method, payload, options);
    };
    bot.telegram.callApi = theirs;
    detach();
    expect(bot.telegram.callApi).toBe(theirs);
    await bot.telegram.sendMessage(FAKE_USER.id, 'still wrapped');
    expect(seen).toEqual(['sendMessage']);
    expect(await delivered()).toEqual([]);
  });

  it('stops reporting an update that is still being handled', async () => {
    const { telegram, bot, hooks, delivered } = await setup();
    let detach = (): void => undefined;
    bot.on('text', async (context) => {
      await context.reply('before');
      detach();
      await context.reply('after');
    });
    detach = attachWebhooks(bot, hooks);
    await bot.handleUpdate(telegram.updates.text('go'));
    expect((await delivered()).map(summary)).toEqual(['message.received go', 'message.sent before']);
    expect(telegram.callsTo('sendMessage')).toHaveLength(2);
  });
});
