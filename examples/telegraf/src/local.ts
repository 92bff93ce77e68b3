import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { generateSecret, type MessageEventData, verifyWebhook } from '@bothooks/core';
import { startLocalTelegram } from './local-telegram';

// Try the example offline: a local Telegram Bot API to point the bot at, a webhook receiver that verifies and
// prints what bothooks sends, and a prompt to chat as a Telegram user.
const telegram = await startLocalTelegram();
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

console.log('Run the bot in another terminal, from the repository root:\n');
console.log(
  `  BOT_TOKEN=${telegram.token} TELEGRAM_API_ROOT=${telegram.apiRoot} \\\n  WEBHOOK_URL=${receiverUrl} WEBHOOK_SECRET=${secret} \\\n  npx tsx --conditions=@bothooks/source examples/telegraf/src/main.ts\n`,
);
console.log(
  'Then type messages here as Ada, a Telegram user (/start, /order, /status, hello, ...);',
  '`press order:tea` presses a button. Ctrl-D quits.\n',
);

const prompt = createInterface({ input: process.stdin });
prompt.on('line', (line) => {
  const text = line.trim();
  if (text.startsWith('press ')) telegram.userPresses(text.slice('press '.length));
  else if (text !== '') telegram.userSends(text);
});
prompt.on('close', async () => {
  await telegram.close();
  receiver.close();
});

// Prints the bot's sends, edits and deletes as the local Bot API answers them.
telegram.onCall((method, params) => {
  if (!/^(send|edit|delete)/.test(method) || ['sendChatAction', 'deleteWebhook'].includes(method)) return;
  const what = params.text ?? params.caption ?? params.message_id ?? '';
  console.log(`bot ${method}: ${String(what)}`);
});
