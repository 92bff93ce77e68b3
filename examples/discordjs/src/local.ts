/**
 * A Discord on your machine, to try the example without a bot account: a local Discord (REST and gateway on
 * 127.0.0.1, `src/local-discord.ts`) and a webhook receiver that verifies and prints what the bot reports. Lines
 * typed here are sent as the user `ada`: plain text goes to #general, `dm <text>` to the bot's DMs, `/ping` and
 * `/order <size>` run commands, `press size:M` presses a button.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { generateSecret, type MessageEventData, verifyWebhook } from '@bothooks/core';
import { startLocalDiscord } from './local-discord';

const discord = await startLocalDiscord();
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
      const { direction, message, interaction } = event.data as MessageEventData;
      const text =
        message.text ?? (message.action ? `[${message.action.kind} ${message.action.value ?? ''}]` : '');
      const tag = interaction ? ` (interaction ${interaction})` : '';
      console.log(`  webhook ✓ ${event.type} ${direction} ${message.id ?? ''} ${text}${tag}`);
      response.writeHead(204).end();
    } catch (error) {
      console.log(`  webhook ✗ ${(error as Error).message}`);
      response.writeHead(400).end();
    }
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

console.log(
  'Local Discord and webhook receiver are up. Start the bot in another terminal, from the repository root:\n',
);
console.log(
  `  DISCORD_TOKEN=${discord.token} DISCORD_API_URL=${discord.api} \\\n  WEBHOOK_URL=${receiverUrl} WEBHOOK_SECRET=${secret} \\\n  npx tsx --conditions=@bothooks/source examples/discordjs/src/main.ts\n`,
);
await discord.waitForSession();
console.log(
  'The bot is connected. Type a message (try !status, !order then press size:M, dm hello, /ping, /order M):',
);
discord.onBotMessage((what, content) => console.log(`  bot ${what}: "${content}"`));

const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  const text = line.trim();
  if (text === '') return;
  if (text.startsWith('dm ')) {
    discord.userSendsDm(text.slice(3));
  } else if (text.startsWith('press ')) {
    discord.pressButton(text.slice('press '.length));
  } else if (text.startsWith('/')) {
    const [name = '', size] = text.slice(1).split(/\s+/);
    discord.slashCommand(name, size ? { size } : {});
  } else {
    discord.userSends(text);
  }
});
input.on('close', () => {
  receiver.close();
  void discord.close().then(() => process.exit(0));
});
