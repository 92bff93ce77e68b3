import { createWebhooks, MESSAGE_EVENT_TYPES } from '@bothooks/core';
import { attachWebhooks } from '@bothooks/slack';
import { createApp } from './app';
import { readConfig } from './config';

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig(process.env);
} catch (error) {
  console.error(String((error as Error).message));
  process.exit(1);
}

const hooks = createWebhooks({
  endpoints: config.webhookUrl
    ? [
        {
          id: 'webhook',
          url: config.webhookUrl,
          ...(config.webhookSecret ? { secret: config.webhookSecret } : { unsigned: true }),
        },
      ]
    : [],
});
hooks.on('delivered', (event) => console.log(`→ ${event.type} delivered (${event.status})`));
hooks.on('failed', (event) => console.warn(`→ ${event.type} failed: ${event.error.message}`));
hooks.on('dropped', (event) => console.warn(`→ ${event.type} dropped: ${event.reason}`));

const app = createApp(config);

// The one line: every message in and out, including `message.failed` for calls Slack refuses.
attachWebhooks(app, hooks, {
  events: MESSAGE_EVENT_TYPES,
  includeText: config.includeText,
  attributes: (body) => ({ team: 'team_id' in body ? body.team_id : undefined }),
});

async function shutdown(): Promise<void> {
  await app.stop();
  const { undelivered } = await hooks.close();
  if (undelivered.length > 0) console.warn(`${undelivered.length} webhook(s) could not be delivered`);
  process.exit(0);
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());

console.log(
  config.webhookUrl
    ? `Webhooks go to ${config.webhookUrl} (${config.webhookSecret ? 'signed' : 'unsigned: set WEBHOOK_SECRET'})`
    : 'WEBHOOK_URL is not set: the app answers, and no webhook is sent',
);
if (config.apiUrl) console.log(`Web API: ${config.apiUrl}`);
if (config.appToken) {
  await app.start();
  console.log('Connected over Socket Mode. Ctrl-C to stop.');
} else {
  await app.start(config.port);
  console.log(`Listening for Slack on http://localhost:${config.port}/slack/events. Ctrl-C to stop.`);
}
