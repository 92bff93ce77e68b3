'use strict';
// A grammY bot that long-polls the Bot API and echoes text, with the README's one line added, and auto-retry
// installed after it: a retried send is still one webhook.
const { closeHooks, createHooks } = require('../webhooks.cjs');

exports.modules = ['@bothooks/core', '@bothooks/grammy', 'grammy', '@grammyjs/auto-retry'];

exports.start = async (modules, env) => {
  const { attachWebhooks } = modules['@bothooks/grammy'];
  const { Bot } = modules.grammy;
  const { autoRetry } = modules['@grammyjs/auto-retry'];
  const hooks = createHooks(modules['@bothooks/core'], env, env.GRAMMY_WEBHOOK_URL);
  const bot = new Bot(env.GRAMMY_BOT_TOKEN, { client: { apiRoot: env.GRAMMY_API_ROOT } });
  attachWebhooks(bot, hooks);
  bot.api.config.use(autoRetry());
  bot.on('message:text', (context) => context.reply(`You said: ${context.message.text}`));
  bot.catch((error) => console.error('grammY:', error));
  let polling;
  await new Promise((resolve, reject) => {
    polling = bot.start({ onStart: () => resolve(), timeout: 1 });
    polling.catch(reject);
  });
  return {
    stop: async () => {
      await bot.stop();
      await polling;
      await closeHooks(hooks);
    },
  };
};
