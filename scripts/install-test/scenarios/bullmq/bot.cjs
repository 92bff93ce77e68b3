'use strict';
// A bot on the durable engine: it publishes one event into Redis and, as a worker too, delivers it from there.
const { closeHooks, createHooks } = require('../webhooks.cjs');

exports.modules = ['@bothooks/core', '@bothooks/bullmq'];

exports.start = async (modules, env) => {
  const { bullmqEngine } = modules['@bothooks/bullmq'];
  const engine = bullmqEngine({ connection: env.BULLMQ_REDIS_URL, prefix: 'install-test' });
  const hooks = createHooks(modules['@bothooks/core'], env, env.BULLMQ_WEBHOOK_URL, { engine });
  hooks.publish({
    type: 'message.received',
    data: {
      platform: 'telegram',
      direction: 'inbound',
      bot: { id: 'install-test' },
      conversation: { id: 'install-test' },
      message: { text: env.BULLMQ_MESSAGE_TEXT, attachments: [] },
    },
  });
  return { stop: () => closeHooks(hooks) };
};
