import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { generateSecret, type MessageEventData, verifyWebhook } from '@bothooks/core';
import { startLocalSlack } from './local-slack';

// Try the example offline: a local Slack to point the app at, a webhook receiver that verifies and prints what
// bothooks sends, and a prompt to chat as Ada, a Slack user.
const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address() as AddressInfo;
    probe.close(() => resolve(free));
  });
});
const slack = await startLocalSlack(`http://127.0.0.1:${port}/slack/events`);
const secret = generateSecret();

const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    try {
      const event = verifyWebhook({
        payload: Buffer.concat(chunks).toString('utf8'),
        headers: request.headers,
        secret,
      });
      const data = event.data as MessageEventData;
      const text = data.message.text ?? data.message.action?.value ?? data.message.attachments[0]?.type ?? '';
      console.log(`  webhook ✔ ${event.type.padEnd(16)} ${data.direction.padEnd(8)} ${text}`);
      response.writeHead(204).end();
    } catch (error) {
      console.log(`  webhook ✘ ${(error as Error).message}`);
      response.writeHead(400).end();
    }
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

console.log('Run the app in another terminal, from the repository root:\n');
console.log(
  `  SLACK_BOT_TOKEN=${slack.botToken} SLACK_SIGNING_SECRET=${slack.signingSecret} \\\n  SLACK_API_URL=${slack.apiUrl} PORT=${port} \\\n  WEBHOOK_URL=${receiverUrl} WEBHOOK_SECRET=${secret} \\\n  npx tsx --conditions=@bothooks/source examples/slack/src/main.ts\n`,
);
console.log(
  'Then type here as Ada (hello, status, /order, ...); `press order:tea` presses a button. Ctrl-D quits.\n',
);

const prompt = createInterface({ input: process.stdin });
prompt.on('line', (line) => {
  const text = line.trim();
  const sent = text.startsWith('press ')
    ? slack.userPresses(text.slice('press '.length))
    : text.startsWith('/')
      ? slack.userCommands(text.split(' ')[0] ?? text, text.split(' ').slice(1).join(' '))
      : text !== ''
        ? slack.userSends(text)
        : undefined;
  sent?.catch((error: unknown) => console.log(`the app is not answering: ${String(error)}`));
});
prompt.on('close', async () => {
  await slack.close();
  receiver.close();
});

// Prints the app's sends, edits and deletes as the local Slack answers them.
slack.onCall((method, params) => {
  if (method === 'auth.test') return;
  console.log(`app ${method}: ${String(params.text ?? params.ts ?? '')}`);
});
