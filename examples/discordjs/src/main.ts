import { startExample } from './app';
import { readConfig } from './config';

const config = readConfig(process.env);
const example = await startExample(config);

console.log(`Logged in as ${example.client.user.tag}`);
console.log(
  config.webhookUrl
    ? `Webhooks go to ${config.webhookUrl} (${config.webhookSecret ? 'signed' : 'unsigned: set WEBHOOK_SECRET'})`
    : 'WEBHOOK_URL is not set: the bot answers, but no webhook is sent',
);
console.log('Try !ping, !status, !oops and !order in a channel the bot can read, a DM, or /ping and /order.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log('Shutting down: delivering the webhooks still queued…');
    example.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
