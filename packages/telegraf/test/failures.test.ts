import { FAKE_USER } from '@bothooks/testkit/telegram';
import { TelegramError } from 'telegraf';
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

describe('failed API calls', () => {
  it('reject to the bot exactly as before, and reach bot.catch when unhandled', async () => {
    const { telegram, bot, hooks, delivered } = await setup();
    const caught: unknown[] = [];
    bot.catch((error) => {
      caught.push(error);
    });
    bot.on('text', (context) => context.reply('you will not see this'));
    attachWebhooks(bot, hooks);
    telegram.fail('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    await bot.handleUpdate(telegram.updates.text('hi'));
    expect(caught).toHaveLength(1);
    expect(caught[0]).toBeInstanceOf(TelegramError);
    expect((caught[0] as TelegramError).code).toBe(403);
    // Not asked for: a refused call is not an event by default.
    expect((await delivered()).map(summary)).toEqual(['message.received hi']);
  });

  it('are reported as message.failed when asked, for Bot API errors, bad gateways and network failures', async () => {
    const { telegram, bot, hooks, delivered } = await setup();
    attachWebhooks(bot, hooks, { events: [...EVERY_EVENT] });
    telegram.fail('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    telegram.fail('editMessageText', { httpStatus: 502 });
    telegram.fail('deleteMessage', { reset: true });
    const outcomes = await Promise.allSettled([
      bot.telegram.sendMessage(FAKE_USER.id, 'Your order shipped'),
      bot.telegram.editMessageText(FAKE_USER.id, 5, undefined, 'Edited'),
      bot.telegram.deleteMessage(FAKE_USER.id, 6),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const events = await delivered();
    const byMessage = Object.fromEntries(
      events.map((event) => [event.data.message.text ?? event.data.message.id, event]),
    );
    expect(events.every((event) => event.type === 'message.failed')).toBe(true);
    expect(byMessage['Your order shipped']?.data.error).toEqual({
      operation: 'send',
      code: 'FORBIDDEN',
      message: 'Forbidden: bot was blocked by the user (sendMessage)',
      status: 403,
    });
    expect(byMessage.Edited?.data.message.id).toBe('5');
    expect(byMessage.Edited?.data.error).toMatchObject({
      operation: 'edit',
      code: 'SERVER_ERROR',
      status: 502,
    });
    expect(byMessage['6']?.data.error?.code).toBe('NETWORK_ERROR');
    for (const event of events) expect(JSON.stringify(event)).not.toContain(telegram.token.split(':')[1]);
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
