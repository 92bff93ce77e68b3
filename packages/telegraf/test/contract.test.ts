import { adapterContract } from '@bothooks/testkit';
import { createFakeTelegram, FAKE_USER } from '@bothooks/testkit/telegram';
import { Telegraf } from 'telegraf';
import { attachWebhooks, tagInteraction } from '../src/index';

adapterContract({
  name: 'telegraf',
  platform: 'telegram',
  source: 'telegraf',
  start: async (hooks, options) => {
    const telegram = await createFakeTelegram();
    const bot = new Telegraf(telegram.token, { telegram: { apiRoot: telegram.apiRoot } });
    const frameworkErrors: unknown[] = [];
    bot.catch((error) => {
      frameworkErrors.push(error);
    });
    bot.hears(/^tag (.+)$/, async (context) => {
      const name = context.match[1] ?? '';
      const tagged = tagInteraction(context, name);
      await context.reply(`${tagged ? 'tagged' : 'not tagged'} ${name}`);
    });
    bot.hears('edit me', async (context) => {
      const sent = await context.reply('original');
      await context.telegram.editMessageText(sent.chat.id, sent.message_id, undefined, 'edited');
    });
    bot.hears('delete me', async (context) => {
      const sent = await context.reply('temporary');
      await context.deleteMessage(sent.message_id);
    });
    // A venue is Telegram's message with a title and a summary (its address).
    bot.hears('rich', (context) => context.replyWithVenue(51.5, -0.12, 'Secret title', 'Secret summary'));
    bot.hears('fail', async (context) => {
      await context.reply('about to fail');
      throw new Error('contract failure');
    });
    bot.on('text', (context) => context.reply(`echo: ${context.message.text}`));
    // Attached after every handler on purpose: the adapter must not depend on middleware order.
    const detach = attachWebhooks(bot, hooks, options);
    return {
      frameworkErrors,
      credential: telegram.token,
      refuseNextSend: (description) => telegram.fail('sendMessage', { error_code: 403, description }),
      attachAgain: (again) => attachWebhooks(bot, hooks, again),
      detach,
      userSends: async (text, sendOptions = {}) => {
        const id =
          sendOptions.conversationId === undefined ? FAKE_USER.id : Number(sendOptions.conversationId);
        const from = { ...FAKE_USER, id };
        const chat = { id, type: 'private' as const, first_name: FAKE_USER.first_name };
        await bot.handleUpdate(telegram.updates.text(text, { chat, from }));
      },
      close: async () => {
        detach();
        await telegram.close();
      },
    };
  },
});
