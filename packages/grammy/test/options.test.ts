import { ConfigError, createWebhooks } from '@bothooks/core';
import { FAKE_USER } from '@bothooks/testkit/telegram';
import { Bot } from 'grammy';
import { afterAll, describe, expect, it } from 'vitest';
import { attachWebhooks, webhookMiddleware } from '../src/index';
import { setup, summary } from './harness';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('options', () => {
  const bot = new Bot('123:abc', { client: { apiRoot: 'http://127.0.0.1:9' } });
  const hooks = createWebhooks({ logger: false });
  afterAll(() => hooks.close());

  it('fail fast with a ConfigError naming the option', () => {
    const cases: [unknown, string][] = [
      ['not an object', 'options'],
      [{ events: 'message.sent' }, 'events'],
      [{ events: ['message.sent', 'message.exploded'] }, 'events[1]'],
      [{ includeText: 'no' }, 'includeText'],
      [{ attributes: { locale: 'en' } }, 'attributes'],
      [{ callbackQueries: 1 }, 'callbackQueries'],
      [{ includText: false }, 'includText'],
    ];
    for (const [options, field] of cases) {
      const error = configError(() => attachWebhooks(bot, hooks, options as never));
      expect([error.code, error.field]).toEqual(['INVALID_CONFIG', field]);
      expect(configError(() => webhookMiddleware(hooks, options as never)).field).toBe(field);
    }
    expect(Object.hasOwn(bot, 'middleware')).toBe(false);
    expect(bot.api.config.installedTransformers()).toEqual([]);
  });

  it('refuse a bot or hooks of the wrong kind', () => {
    expect(configError(() => attachWebhooks({} as never, hooks)).field).toBe('bot');
    expect(configError(() => attachWebhooks(bot, {} as never)).field).toBe('hooks');
    expect(configError(() => webhookMiddleware(undefined as never)).field).toBe('hooks');
  });

  it('publish only the events asked for', async () => {
    const { telegram, bot: live, hooks: liveHooks, handle, delivered } = await setup();
    live.on('message:text', async (context) => {
      const sent = await context.reply('original');
      await context.api.editMessageText(sent.chat.id, sent.message_id, 'edited');
    });
    attachWebhooks(live, liveHooks, { events: ['message.edited'] });
    await handle(telegram.updates.text('hi'));
    expect((await delivered()).map(summary)).toEqual(['message.edited edited']);
  });

  it('leave text out with includeText: false, ids and attachments stay', async () => {
    const { telegram, bot: live, hooks: liveHooks, handle, delivered } = await setup();
    live.on('message', (context) => context.reply('a private answer'));
    attachWebhooks(live, liveHooks, { includeText: false });
    await handle(telegram.updates.photo({ caption: 'my passport' }));
    const events = await delivered();
    expect(JSON.stringify(events)).not.toContain('passport');
    expect(JSON.stringify(events)).not.toContain('private answer');
    expect(
      events.map((event) => [event.type, event.data.message.id, event.data.message.attachments.length]),
    ).toEqual([
      ['message.received', '1', 1],
      ['message.sent', '2', 0],
    ]);
  });

  it('add the attributes the bot supplies, from the grammY context of the update', async () => {
    const { telegram, bot: live, hooks: liveHooks, handle, delivered } = await setup();
    live.on('message:text', (context) => context.reply('ok'));
    attachWebhooks(live, liveHooks, {
      attributes: (context) => ({ locale: context.from?.language_code, plan: 'pro' }),
    });
    await handle(telegram.updates.text('hi'));
    const events = await delivered();
    expect(events.map((event) => event.data.attributes)).toEqual([
      { locale: 'en', plan: 'pro' },
      { locale: 'en', plan: 'pro' },
    ]);
  });

  it('leave button presses out with callbackQueries: false', async () => {
    const { telegram, bot: live, hooks: liveHooks, handle, delivered } = await setup();
    live.callbackQuery('ping', (context) => context.answerCallbackQuery('pong'));
    attachWebhooks(live, liveHooks, { callbackQueries: false });
    const sent = await live.api.sendMessage(FAKE_USER.id, 'Press');
    await handle(telegram.updates.callbackQuery('ping', { messageId: sent.message_id }));
    expect((await delivered()).map(summary)).toEqual(['message.sent Press']);
  });
});
