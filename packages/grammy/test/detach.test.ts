import { FAKE_USER } from '@bothooks/testkit/telegram';
import type { Bot } from 'grammy';
import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { setup, summary } from './harness';

function shape(bot: Bot): { bot: PropertyDescriptorMap; config: PropertyDescriptorMap } {
  return {
    bot: Object.getOwnPropertyDescriptors(bot),
    config: Object.getOwnPropertyDescriptors(bot.api.config),
  };
}

describe('detach', () => {
  it('gives the bot back its own middleware and api.config.use, and stops reporting', async () => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    bot.on('message:text', (context) => context.reply('hi'));
    const before = shape(bot);
    const detach = attachWebhooks(bot, hooks);
    expect(Object.hasOwn(bot, 'middleware')).toBe(true);
    expect(bot.api.config.use).not.toBe(before.config.use?.value);
    detach();
    detach();
    expect(shape(bot)).toEqual(before);
    await handle(telegram.updates.text('after detach'));
    await bot.api.sendMessage(FAKE_USER.id, 'broadcast after detach');
    expect(telegram.callsTo('sendMessage')).toHaveLength(2);
    expect(await delivered()).toEqual([]);
  });

  it('leaves its transformer installed as a pass-through: calls and their results go on unchanged', async () => {
    const { telegram, bot, hooks, delivered } = await setup();
    const detach = attachWebhooks(bot, hooks);
    // grammY cannot uninstall a transformer; what stays is one transformer that only hands calls down.
    expect(bot.api.config.installedTransformers()).toHaveLength(1);
    detach();
    const sent = await bot.api.sendMessage(FAKE_USER.id, 'still sent');
    const call = telegram.callsTo('sendMessage')[0]?.response;
    expect(call?.ok && (call.result as { message_id: number }).message_id).toBe(sent.message_id);
    expect(await delivered()).toEqual([]);
  });

  it('reports every message once when the same hooks are attached twice, warns, and can attach again after detaching', async () => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    const warnings: string[] = [];
    hooks.on('error', (report) => warnings.push(`${report.severity} ${report.code}`));
    bot.on('message:text', (context) => context.reply('hi'));
    const detach = attachWebhooks(bot, hooks);
    const duplicate = attachWebhooks(bot, hooks, { includeText: false });
    expect(warnings).toEqual(['warning ALREADY_ATTACHED']);
    await handle(telegram.updates.text('once'));
    // The duplicate's detach does nothing: the first attachment, with its options, stays.
    duplicate();
    await handle(telegram.updates.text('still once'));
    detach();
    attachWebhooks(bot, hooks);
    await handle(telegram.updates.text('again'));
    expect((await delivered()).map(summary)).toEqual([
      'message.received once',
      'message.sent hi',
      'message.received still once',
      'message.sent hi',
      'message.received again',
      'message.sent hi',
    ]);
  });

  it('leaves a transformer installed after it working, and stops reporting through it', async () => {
    const { bot, hooks, delivered } = await setup();
    const detach = attachWebhooks(bot, hooks);
    const seen: string[] = [];
    bot.api.config.use((prev, method, payload, signal) => {
      seen.push(method);
      return prev(method, payload, signal);
    });
    detach();
    await bot.api.sendMessage(FAKE_USER.id, 'still wrapped');
    expect(seen).toEqual(['sendMessage']);
    expect(await delivered()).toEqual([]);
  });

  it('stops reporting an update that is still being handled', async () => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    let detach = (): void => undefined;
    bot.on('message:text', async (context) => {
      await context.reply('before');
      detach();
      await context.reply('after');
    });
    detach = attachWebhooks(bot, hooks);
    await handle(telegram.updates.text('go'));
    expect((await delivered()).map(summary)).toEqual(['message.received go', 'message.sent before']);
    expect(telegram.callsTo('sendMessage')).toHaveLength(2);
  });
});
