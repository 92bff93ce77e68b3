import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { generateSecret, type MessageEventData, verifyWebhook } from '@bothooks/core';
import { createFakeTelegram } from '@bothooks/testkit/telegram';

// Try the example offline: a fake Telegram Bot API to point the bot at, a webhook receiver that verifies and
// prints what bothooks sends, and a prompt to chat as a Telegram user.
const telegram = await createFakeTelegram();
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
  'Then type messages here as Ada, a Telegram user (/start, /order, /status, hello, ...). Ctrl-D quits.\n',
);

let answered = 0;
const prompt = createInterface({ input: process.stdin });
prompt.on('line', (line) => {
  const text = line.trim();
  if (text === '') return;
  telegram.pushUpdate(telegram.updates.text(text));
});
prompt.on('close', async () => {
  await telegram.close();
  receiver.close();
});

// Prints the bot's replies as they reach the fake Bot API.
setInterval(() => {
  for (const call of telegram.calls.slice(answered)) {
    if (
      call.method.startsWith('send') ||
      call.method.startsWith('edit') ||
      call.method.startsWith('delete')
    ) {
      const what = call.params.text ?? call.params.caption ?? call.params.message_id ?? '';
      console.log(`bot ${call.method}: ${String(what)}`);
    }
  }
  answered = telegram.calls.length;
}, 100).unref();
