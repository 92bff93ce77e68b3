'use strict';
// A Bolt app on its HTTP receiver, echoing messages, with the README's one line added.
const { closeHooks, createHooks } = require('../webhooks.cjs');

exports.modules = ['@bothooks/core', '@bothooks/slack', '@slack/bolt'];

exports.start = async (modules, env) => {
  const { attachWebhooks } = modules['@bothooks/slack'];
  const { App, LogLevel } = modules['@slack/bolt'];
  const hooks = createHooks(modules['@bothooks/core'], env, env.SLACK_WEBHOOK_URL);
  const app = new App({
    token: env.SLACK_BOT_TOKEN,
    signingSecret: env.SLACK_SIGNING_SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: env.SLACK_API_URL },
  });
  attachWebhooks(app, hooks);
  app.message(async ({ message, say }) => {
    await say(`You said: ${message.text}`);
  });
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  return {
    info: { url: `http://127.0.0.1:${server.address().port}/slack/events` },
    stop: async () => {
      await app.stop();
      await closeHooks(hooks);
    },
  };
};
