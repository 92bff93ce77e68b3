import { adapterContract } from '@bothooks/testkit';
import { createFakeTelegram, FAKE_USER } from '@bothooks/testkit/telegram';
import { Telegraf } from 'telegraf';
import { attachWebhooks, tagInteraction } from '../src/index';

adapterContract({
  name: 'telegraf',
  platform: 'telegram',
  start: async (hooks) => {
    const telegram = await createFakeTelegram();
    const bot = new Telegraf(telegram.token, { telegram: { apiRoot: telegram.apiRoot } });
    const frameworkErrors: unknown[] = [];
    bot.catch((error) => {
      frameworkErrors.push(error);
    });
    bot.hears(/^tag (.+)$/, async (context) => {
      const name = context.match[1] ?? '';
      tagInteraction(context, name);
      await context.reply(`tagged ${name}`);
    });
    bot.hears('edit me', async (context) => {
      const sent = await context.reply('original');
      await context.telegram.editMessageText(sent.chat.id, sent.message_id, undefined, 'edited');
    });
    bot.hears('delete me', async (context) => {
      const sent = await context.reply('temporary');
      await context.deleteMessage(sent.message_id);
    });
    bot.hears('fail', async (context) => {
      await context.reply('about to fail');
      throw new Error('contract failure');
    });
    bot.on('text', (context) => context.reply(`echo: ${context.message.text}`));
    // Attached after every handler on purpose: the adapter must not depend on middleware order.
    const detach = attachWebhooks(bot, hooks);
    return {
      userSends: async (text, options = {}) => {
        const id = options.conversationId === undefined ? FAKE_USER.id : Number(options.conversationId);
        const from = { ...FAKE_USER, id };
        const chat = { id, type: 'private' as const, first_name: FAKE_USER.first_name };
        await bot.handleUpdate(telegram.updates.text(text, { chat, from }));
      },
      frameworkErrors,
      close: async () => {
        detach();
        await telegram.close();
      },
    };
  },
});
