import type { MessageEvent } from '@bothooks/core';
import { createReceiver, type Receiver } from '@bothooks/testkit';
import { createFakeDiscord, type FakeDiscord } from '@bothooks/testkit/discord';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Example, startExample } from './app';
import { readConfig } from './config';

const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

let discord: FakeDiscord;
let receiver: Receiver;
let example: Example;

beforeEach(async () => {
  discord = await createFakeDiscord();
  receiver = await createReceiver({ secret: SECRET });
  example = await startExample(
    readConfig({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.api,
      WEBHOOK_URL: receiver.url('/hooks'),
      WEBHOOK_SECRET: SECRET,
    }),
  );
});

afterEach(async () => {
  await example.close();
  await receiver.close();
  await discord.close();
});

function events(): string[] {
  return receiver.requests.map((request) => {
    const event = request.json<MessageEvent>();
    return `${event.type} ${event.data.message.text ?? ''}`.trim();
  });
}

it('registers its slash commands when it starts', async () => {
  const registered = await discord.waitForRequest((request) => request.method === 'PUT');
  expect(registered.path).toBe(`/applications/${discord.applicationId}/commands`);
  expect((registered.json as { name: string }[]).map((command) => command.name)).toEqual(['ping', 'order']);
});

it('reports a command message, its reply and the edit, signed', async () => {
  discord.userSends('!status');
  await receiver.waitFor(3);
  await example.hooks.flush();
  expect(events()).toEqual([
    'message.received !status',
    'message.sent Checking the courier…',
    'message.edited Your parcel arrives on Friday.',
  ]);
  expect(receiver.requests.every((request) => request.verified)).toBe(true);
});

it('reports a slash command and its deferred reply', async () => {
  discord.slashCommand({ name: 'order', options: { size: 'M' } });
  await receiver.waitFor(2);
  await example.hooks.flush();
  expect(events()).toEqual([
    'message.received /order size:M',
    'message.sent One T-shirt in size M, coming up.',
  ]);
});

it('answers and reports direct messages', async () => {
  discord.userSendsDm('hello');
  await receiver.waitFor(2);
  expect(events()).toEqual(['message.received hello', 'message.sent You said: hello']);
});

it('refuses to start without a token', () => {
  expect(() => readConfig({})).toThrow('DISCORD_TOKEN is not set');
  expect(() => readConfig({ DISCORD_TOKEN: 'x', WEBHOOK_URL: 'ftp://nope' })).toThrow('WEBHOOK_URL');
});
