'use strict';
// The shared Telegram mapping without any framework: a bare long-polling loop on fetch, each update and each
// answer mapped by the installed package and published through core.
const { closeHooks, createHooks } = require('../webhooks.cjs');

exports.modules = ['@bothooks/core', '@bothooks/platform-telegram'];

exports.start = async (modules, env) => {
  const platform = modules['@bothooks/platform-telegram'];
  const hooks = createHooks(modules['@bothooks/core'], env, env.PLATFORM_TELEGRAM_WEBHOOK_URL);
  const token = env.PLATFORM_TELEGRAM_BOT_TOKEN;
  const call = async (method, payload, signal) => {
    const response = await fetch(`${env.PLATFORM_TELEGRAM_API_ROOT}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal,
    });
    const answer = await response.json();
    if (!answer.ok) throw new Error(`${method}: ${answer.description}`);
    return answer.result;
  };
  const bot = platform.botAccount(await call('getMe', {}), token);
  // The mapping asks how the framework's upload objects look; a bot on plain fetch uploads none.
  const noUploads = () => undefined;
  const publish = (event) => hooks.publish({ type: event.type, data: event.data });

  const stopping = new AbortController();
  const polling = (async () => {
    let offset = 0;
    while (!stopping.signal.aborted) {
      let updates;
      try {
        updates = await call('getUpdates', { offset, timeout: 1 }, stopping.signal);
      } catch (error) {
        if (stopping.signal.aborted) return;
        throw error;
      }
      for (const update of updates) {
        offset = update.update_id + 1;
        const received = platform.mapUpdate(update, bot, { callbackQueries: true });
        if (received) publish(received);
        if (update.message?.text === undefined) continue;
        const payload = { chat_id: update.message.chat.id, text: `You said: ${update.message.text}` };
        const result = await call('sendMessage', payload);
        const scope = { bot, turn: platform.participantsOf(update) };
        for (const sent of platform.mapApiCall('sendMessage', payload, result, scope, noUploads))
          publish(sent);
      }
    }
  })();
  polling.catch((error) => console.error('polling stopped:', error));

  return {
    stop: async () => {
      stopping.abort();
      await polling.catch(() => undefined);
      await closeHooks(hooks);
    },
  };
};
