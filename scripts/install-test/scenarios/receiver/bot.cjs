'use strict';
// An app that receives bothooks webhooks: @bothooks/receiver's node:http handler verifies each request (a GET
// JSON API request included), and the app reports what it verified to the install test through core.
const { createServer } = require('node:http');
const { closeHooks, createHooks } = require('../webhooks.cjs');

exports.modules = ['@bothooks/core', '@bothooks/receiver'];

exports.start = async (modules, env) => {
  const { webhookHandler } = modules['@bothooks/receiver'];
  const core = modules['@bothooks/core'];
  const hooks = createHooks(core, env, env.RECEIVER_REPORT_URL);
  const server = createServer(
    webhookHandler({
      secret: env.RECEIVER_APP_SECRET,
      onEvent: (event) => {
        // Reported as an inbound message whatever was verified: the text says which request it was.
        hooks.publish({
          type: 'message.received',
          data: {
            platform: event.data.platform,
            direction: 'inbound',
            bot: { id: 'receiver-app' },
            conversation: { id: 'receiver-app' },
            message: { text: event.data.message.text, attachments: [] },
          },
        });
        return event.type === 'jsonapi.request' ? { messages: [] } : undefined;
      },
    }),
  );
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    info: { url: `http://127.0.0.1:${server.address().port}/hooks` },
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await closeHooks(hooks);
    },
  };
};
