'use strict';
// A Telegraf bot that long-polls the Bot API and echoes text, with the README's one line added.
const { closeHooks, createHooks } = require('../webhooks.cjs');

exports.modules = ['@bothooks/core', '@bothooks/telegraf', 'telegraf'];

exports.start = async (modules, env) => {
  const { attachWebhooks } = modules['@bothooks/telegraf'];
  const { Telegraf } = modules.telegraf;
  const hooks = createHooks(modules['@bothooks/core'], env, env.TELEGRAF_WEBHOOK_URL);
  const bot = new Telegraf(env.TELEGRAM_BOT_TOKEN, { telegram: { apiRoot: env.TELEGRAM_API_ROOT } });
  attachWebhooks(bot, hooks);
  bot.on('text', (context) => context.reply(`You said: ${context.message.text}`));
  let polling;
  await new Promise((resolve, reject) => {
    polling = bot.launch(() => resolve());
    polling.catch(reject);
  });
  return {
    stop: async () => {
      bot.stop('install test over');
      await polling;
      await closeHooks(hooks);
    },
  };
};
