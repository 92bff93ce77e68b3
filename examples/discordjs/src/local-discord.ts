/**
 * A Discord on your machine, to try the example without a bot account: a fake Discord (REST and gateway on
 * 127.0.0.1) and a webhook receiver that prints what the bot reports. Lines typed here are sent as the user
 * `ada`: plain text goes to #general, `dm <text>` to the bot's DMs, `/ping` and `/order <size>` run commands.
 */
import { createInterface } from 'node:readline';
import { generateSecret, type MessageEvent } from '@bothooks/core';
import { createReceiver } from '@bothooks/testkit';
import { createFakeDiscord } from '@bothooks/testkit/discord';

const discord = await createFakeDiscord({ botName: 'shop-bot' });
const secret = generateSecret();
const receiver = await createReceiver({ secret });
receiver.respondWith((request) => {
  const event = request.json<MessageEvent>();
  const { direction, message, interaction } = event.data;
  const text =
    message.text ?? (message.action ? `[${message.action.kind} ${message.action.value ?? ''}]` : '');
  const tag = interaction ? ` (interaction ${interaction})` : '';
  console.log(
    `  webhook ${request.verified ? '✓' : '✗'} ${event.type} ${direction} ${message.id ?? ''} ${text}${tag}`,
  );
  return undefined;
});

console.log(
  'Fake Discord and webhook receiver are up. Start the bot in another terminal, from the repository root:\n',
);
console.log(
  `  DISCORD_TOKEN=${discord.token} DISCORD_API_URL=${discord.api} \\\n  WEBHOOK_URL=${receiver.url('/hooks')} WEBHOOK_SECRET=${secret} \\\n  npx tsx --conditions=@bothooks/source examples/discordjs/src/main.ts\n`,
);
await discord.waitForSession();
console.log('The bot is connected. Type a message (try !status, !order, dm hello, /ping, /order M):');

let printed = 0;
const printReplies = (): void => {
  for (const request of discord.requests.slice(printed)) {
    const body = request.json as { content?: string; data?: { content?: string } } | undefined;
    const content = body?.content ?? body?.data?.content;
    if (request.method !== 'GET' && content !== undefined) {
      console.log(
        `  bot → ${request.method} ${request.path.replace(/\/[^/]*token[^/]*/, '/…')} "${content}"`,
      );
    }
  }
  printed = discord.requests.length;
};
const timer = setInterval(printReplies, 100);

const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  const text = line.trim();
  if (text === '') return;
  if (text.startsWith('dm ')) {
    discord.userSendsDm(text.slice(3));
  } else if (text.startsWith('/')) {
    const [name = '', size] = text.slice(1).split(/\s+/);
    discord.slashCommand({ name, ...(size && { options: { size } }) });
  } else {
    discord.userSends(text);
  }
});
input.on('close', () => {
  clearInterval(timer);
  void Promise.all([discord.close(), receiver.close()]).then(() => process.exit(0));
});
