'use strict';
// A discord.js bot on the gateway that replies to every message, with the README's one line added.
const { closeHooks, createHooks } = require('../webhooks.cjs');

exports.modules = ['@bothooks/core', '@bothooks/discordjs', 'discord.js'];

exports.start = async (modules, env) => {
  const { attachWebhooks } = modules['@bothooks/discordjs'];
  const { Client, Events, GatewayIntentBits, Partials } = modules['discord.js'];
  const hooks = createHooks(modules['@bothooks/core'], env, env.DISCORDJS_WEBHOOK_URL);
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.MessageContent,
    ],
    partials: [Partials.Channel],
    rest: { api: env.DISCORD_API },
  });
  attachWebhooks(client, hooks);
  client.on(Events.MessageCreate, (message) => {
    if (message.author.id === client.user.id) return;
    message.reply(`You said: ${message.content}`).catch((error) => console.error('reply failed:', error));
  });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(env.DISCORD_TOKEN);
  await ready;
  return {
    stop: async () => {
      await client.destroy();
      await closeHooks(hooks);
    },
  };
};
