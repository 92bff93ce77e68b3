'use strict';
// The shared Bot Framework mapping on its own, as the adapters use it: a channel's activity arrives over HTTP, is
// mapped with the installed package and published through core.
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
  const { activityTimestamp, activityToMessageData, inboundEventType } =
    modules['@bothooks/platform-botframework'];
  const hooks = createHooks(core, env, env.PLATFORM_BOTFRAMEWORK_WEBHOOK_URL);
  const server = createServer((request, response) => {
    readJson(request)
      .then((activity) => {
        const type = inboundEventType(activity);
        if (type) {
          const data = activityToMessageData(activity, { direction: 'inbound' });
          hooks.publish(core.createMessageEvent(type, data, activityTimestamp(activity)));
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
