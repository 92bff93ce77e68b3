'use strict';
// The shared Bot Framework mapping on its own, as the adapters use it: a channel's activity arrives over HTTP, is
// mapped with the installed package and published through core; the answer is rendered as a JSON API reply would
// be, and its activity mapped and published as the message sent.
const { createServer } = require('node:http');
const { closeHooks, createHooks } = require('../webhooks.cjs');

exports.modules = ['@bothooks/core', '@bothooks/platform-botframework'];

function readJson(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
    request.on('error', reject);
  });
}

exports.start = async (modules, env) => {
  const core = modules['@bothooks/core'];
  const { activityTimestamp, activityToMessageData, inboundEventType, renderReply } =
    modules['@bothooks/platform-botframework'];
  const hooks = createHooks(core, env, env.PLATFORM_BOTFRAMEWORK_WEBHOOK_URL);
  const server = createServer((request, response) => {
    readJson(request)
      .then((activity) => {
        const type = inboundEventType(activity);
        if (type) {
          const data = activityToMessageData(activity, { direction: 'inbound' });
          hooks.publish(core.createMessageEvent(type, data, activityTimestamp(activity)));
          const [reply] = renderReply(
            { messages: [{ text: `You said: ${activity.text}`, quickReplies: ['Again'] }] },
            { channelId: activity.channelId },
          );
          // What the adapters' sends look like once the SDK applied the conversation: the bot to the user.
          const sent = { ...reply, channelId: activity.channelId, conversation: activity.conversation };
          Object.assign(sent, { from: activity.recipient, recipient: activity.from, replyToId: activity.id });
          hooks.publish(
            core.createMessageEvent('message.sent', activityToMessageData(sent, { direction: 'outbound' })),
          );
        }
        response.writeHead(type ? 200 : 400);
        response.end();
      })
      .catch((error) => {
        console.error('mapping failed:', error);
        response.writeHead(500);
        response.end();
      });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    info: { url: `http://127.0.0.1:${server.address().port}/api/messages` },
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await closeHooks(hooks);
    },
  };
};
