'use strict';
// A Bot Framework bot: a CloudAdapter behind node:http, echoing messages, with the README's one line added.
const { createServer } = require('node:http');
const { closeHooks, createHooks } = require('../webhooks.cjs');

exports.modules = ['@bothooks/core', '@bothooks/botbuilder', 'botbuilder'];

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

// The express-style response CloudAdapter.process() writes to, over a plain ServerResponse.
function adapterResponse(response) {
  let body;
  return {
    socket: response.socket,
    status(code) {
      response.statusCode = code;
      return this;
    },
    header(name, value) {
      response.setHeader(name, String(value));
      return this;
    },
    send(value) {
      if (value !== undefined) {
        if (typeof value !== 'string') response.setHeader('content-type', 'application/json');
        body = typeof value === 'string' ? value : JSON.stringify(value);
      }
      return this;
    },
    end() {
      if (!response.writableEnded) response.end(body);
      return this;
    },
  };
}

exports.start = async (modules, env) => {
  const { attachWebhooks } = modules['@bothooks/botbuilder'];
  const { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication } = modules.botbuilder;
  const hooks = createHooks(modules['@bothooks/core'], env, env.BOTBUILDER_WEBHOOK_URL);
  // No MicrosoftAppId: authentication is off (as with the Bot Framework Emulator), so replies go without a
  // token to the serviceUrl each activity names, which is the install test's fake Bot Connector.
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  attachWebhooks(adapter, hooks);
  const logic = async (context) => {
    if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity(`You said: ${context.activity.text}`);
    }
  };
  const server = createServer((request, response) => {
    readJson(request)
      .then((body) =>
        adapter.process(
          { method: request.method, headers: request.headers, body },
          adapterResponse(response),
          logic,
        ),
      )
      .catch((error) => {
        console.error('turn failed:', error);
        if (!response.headersSent) response.writeHead(500);
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
