'use strict';
// A Microsoft 365 Agents SDK agent: an AgentApplication behind node:http, checked by the SDK's authorizeJWT,
// echoing messages, with the README's one line added.
const { createServer } = require('node:http');
const { closeHooks, createHooks } = require('../webhooks.cjs');

exports.modules = ['@bothooks/core', '@bothooks/agents', '@microsoft/agents-hosting'];

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

// The express-style response authorizeJWT and CloudAdapter.process() write to, over a plain ServerResponse.
function webResponse(response) {
  let body;
  const web = {
    get headersSent() {
      return response.headersSent;
    },
    get writableEnded() {
      return response.writableEnded;
    },
    status(code) {
      response.statusCode = code;
      return web;
    },
    setHeader(name, value) {
      response.setHeader(name, value);
      return web;
    },
    send(value) {
      if (value !== undefined) {
        if (typeof value !== 'string') response.setHeader('content-type', 'application/json');
        body = typeof value === 'string' ? value : JSON.stringify(value);
      }
      if (response.statusCode >= 400) web.end();
      return web;
    },
    end() {
      if (!response.writableEnded) response.end(body);
      return web;
    },
  };
  return web;
}

exports.start = async (modules, env) => {
  const { attachWebhooks } = modules['@bothooks/agents'];
  const { AgentApplication, authorizeJWT } = modules['@microsoft/agents-hosting'];
  const hooks = createHooks(modules['@bothooks/core'], env, env.AGENTS_WEBHOOK_URL);
  // No clientId: the SDK's anonymous development mode, so replies go without a token to the serviceUrl each
  // activity names, which is the install test's fake Bot Connector.
  const app = new AgentApplication();
  app.onActivity('message', async (context) => {
    await context.sendActivity(`You said: ${context.activity.text}`);
  });
  attachWebhooks(app, hooks);
  const authorize = authorizeJWT({});
  const server = createServer((request, response) => {
    readJson(request)
      .then(async (body) => {
        const agentRequest = { method: request.method, headers: request.headers, body };
        const web = webResponse(response);
        let authorized = false;
        await authorize(agentRequest, web, () => {
          authorized = true;
        });
        if (authorized) await app.adapter.process(agentRequest, web, (context) => app.run(context));
      })
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
