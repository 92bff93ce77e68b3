import { startExample } from './app';
import { readConfig } from './config';

const config = readConfig(process.env);
const example = await startExample(config);

console.log(`Agent listening on ${example.origin.replace('127.0.0.1', 'localhost')}/api/messages`);
console.log(
  config.webhookUrl
    ? `Webhooks go to ${config.webhookUrl} (${config.webhookSecret ? 'signed' : 'unsigned: set WEBHOOK_SECRET'})`
    : 'WEBHOOK_URL is not set: the agent answers, but no webhook is sent',
);
if (!config.clientId) {
  console.log('clientId is not set: authentication is off (fine locally, not for Azure)');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log('Shutting down: delivering the webhooks still queued…');
    example.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
