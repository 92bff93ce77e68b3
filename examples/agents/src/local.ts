/**
 * Try the example without Azure: a local channel (`src/local-channel.ts`) for the bot's replies, a webhook
 * receiver that verifies and prints what bothooks sends, and a prompt: each line is posted to the bot as a user's
 * message, the way a channel would.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { generateSecret, type MessageEventData, verifyWebhook } from '@bothooks/core';
import { startLocalChannel } from './local-channel';

const botUrl = process.env.BOT_URL ?? 'http://127.0.0.1:3978/api/messages';
const channel = await startLocalChannel();
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
      const text = data.message.text ?? data.message.action?.kind ?? '';
      console.log(
        `  webhook ✔ ${event.type.padEnd(16)} ${data.direction.padEnd(8)} ${data.message.id ?? ''} ${text}`,
      );
      response.writeHead(204).end();
    } catch (error) {
      console.log(`  webhook ✘ ${(error as Error).message}`);
      response.writeHead(400).end();
    }
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

console.log('Run the agent in another terminal, from the repository root:\n');
console.log(
  `  WEBHOOK_URL=${receiverUrl} WEBHOOK_SECRET=${secret} \\\n  npx tsx --conditions=@bothooks/source examples/agents/src/main.ts\n`,
);
console.log(
  `Then type messages here as Ada (hello, order, status, oops, crash). They go to ${botUrl}. Ctrl-D quits.\n`,
);
channel.onActivity((method, id, text) =>
  console.log(`bot ${method} ${id}${text === undefined ? '' : ` "${text}"`}`),
);

let sent = 0;
const prompt = createInterface({ input: process.stdin });
prompt.on('line', (line) => {
  const text = line.trim();
  if (text === '') return;
  sent += 1;
  const activity = {
    type: 'message',
    id: `user-${sent}`,
    channelId: 'emulator',
    serviceUrl: channel.serviceUrl,
    from: { id: 'user-1', name: 'Ada' },
    recipient: { id: 'bot', name: 'Shop Bot' },
    conversation: { id: 'local-1' },
    timestamp: new Date().toISOString(),
    text,
  };
  fetch(botUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  })
    .then((answer) => {
      if (answer.status !== 200) console.log(`the agent answered ${answer.status}`);
    })
    .catch((error: unknown) =>
      console.log(`the agent is not there (${(error as Error).message}): start it first`),
    );
});
prompt.on('close', async () => {
  await channel.close();
  receiver.close();
});
