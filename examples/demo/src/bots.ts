import { attachWebhooks as attachBotbuilder, tagInteraction as tagBotbuilder } from '@bothooks/botbuilder';
import type { Webhooks } from '@bothooks/core';
import { attachWebhooks as attachDiscord, tagInteraction as tagDiscord } from '@bothooks/discordjs';
import { attachWebhooks as attachTelegraf, interaction } from '@bothooks/telegraf';
import { createFakeBotConnector, createUserActivity, startBotHost } from '@bothooks/testkit/botbuilder';
import { createFakeDiscord, loginClient } from '@bothooks/testkit/discord';
import { createFakeTelegram } from '@bothooks/testkit/telegram';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Events, type Message } from 'discord.js';
import { Telegraf } from 'telegraf';

/** One bot on one framework, talking to its local fake platform. */
export interface DemoBot {
  title: string;
  /** A user sends `text`; resolves once the bot has answered. */
  say(text: string): Promise<void>;
  stop(): Promise<void>;
}

/** The same little shop assistant on each framework: echo, `order` (a tagged interaction), `status` (send, edit, delete). */
export async function telegrafBot(hooks: Webhooks): Promise<DemoBot> {
  const telegram = await createFakeTelegram();
  const bot = new Telegraf(telegram.token, { telegram: { apiRoot: telegram.apiRoot } });
  bot.botInfo = telegram.botInfo;
  bot.command('order', interaction('order'), (context) => context.reply('What would you like to order?'));
  bot.command('status', async (context) => {
    const sent = await context.reply('Checking your order…');
    await context.telegram.editMessageText(
      sent.chat.id,
      sent.message_id,
      undefined,
      'Your order has shipped.',
    );
    await context.deleteMessage(sent.message_id);
  });
  bot.on('text', (context) => context.reply(`You said: ${context.message.text}`));
  const detach = attachTelegraf(bot, hooks);
  return {
    title: 'Telegraf bot, against a fake Telegram Bot API',
    say: async (text) => {
      await bot.handleUpdate(telegram.updates.text(text.replace(/^(order|status)$/, '/$1')));
    },
    stop: async () => {
      detach();
      await telegram.close();
    },
  };
}

export async function botbuilderBot(hooks: Webhooks): Promise<DemoBot> {
  const connector = await createFakeBotConnector();
  const host = await startBotHost(async (context: TurnContext) => {
    if (context.activity.type !== ActivityTypes.Message) return;
    const text = context.activity.text ?? '';
    if (text === 'order') {
      tagBotbuilder(context, 'order');
      await context.sendActivity('What would you like to order?');
    } else if (text === 'status') {
      const sent = await context.sendActivity('Checking your order…');
      await context.updateActivity({
        ...context.activity,
        id: sent?.id,
        type: 'message',
        text: 'Your order has shipped.',
      });
      await context.deleteActivity(sent?.id ?? '');
    } else {
      await context.sendActivity(`You said: ${text}`);
    }
  });
  const detach = attachBotbuilder(host.adapter, hooks);
  return {
    title: 'Bot Framework bot (CloudAdapter), against a fake Bot Connector',
    say: async (text) => {
      await host.post(createUserActivity(connector.serviceUrl, { text }));
    },
    stop: async () => {
      detach();
      await host.close();
      await connector.close();
    },
  };
}

export async function discordBot(hooks: Webhooks): Promise<DemoBot> {
  const discord = await createFakeDiscord();
  const client = await loginClient(discord);
  const answered = new Map<string, () => void>();
  client.on(Events.MessageCreate, async (message: Message) => {
    if (message.author.id === client.user?.id) return;
    try {
      if (message.content === 'order') {
        tagDiscord(message, 'order');
        await message.reply('What would you like to order?');
      } else if (message.content === 'status') {
        const sent = await message.reply('Checking your order…');
        await sent.edit('Your order has shipped.');
        await sent.delete();
      } else {
        await message.reply(`You said: ${message.content}`);
      }
    } finally {
      answered.get(message.id)?.();
    }
  });
  const detach = attachDiscord(client, hooks);
  return {
    title: 'discord.js bot, against a fake Discord REST API and gateway',
    say: (text) =>
      new Promise<void>((resolve) => {
        answered.set(discord.userSends(text).id, resolve);
      }),
    stop: async () => {
      detach();
      await client.destroy();
      await discord.close();
    },
  };
}
