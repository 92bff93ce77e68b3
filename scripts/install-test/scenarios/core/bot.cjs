'use strict';
// The core alone: an event published through the thread engine, whose worker must run from the installed package.
const { closeHooks, createHooks } = require('../webhooks.cjs');

exports.modules = ['@bothooks/core'];

exports.start = async (modules, env) => {
  const core = modules['@bothooks/core'];
  const hooks = createHooks(core, env, env.CORE_WEBHOOK_URL, { engine: core.threadEngine() });
  hooks.publish({
    type: 'message.received',
    data: {
      platform: 'custom',
      direction: 'inbound',
      bot: { id: 'install-test' },
      conversation: { id: 'install-test' },
      message: { text: env.CORE_MESSAGE_TEXT, attachments: [] },
    },
  });
  return { stop: () => closeHooks(hooks) };
};
