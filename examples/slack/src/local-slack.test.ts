import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhooks, generateSecret, type MessageEvent } from '@bothooks/core';
import { attachWebhooks } from '@bothooks/slack';
import { createReceiver } from '@bothooks/testkit';
import { expect, it, onTestFinished } from 'vitest';
import { createApp } from './app';
import { readConfig } from './config';
import { startLocalSlack } from './local-slack';

it('runs the example app against its local Slack: messages, a command and a button, every one a webhook', async () => {
  const secret = generateSecret();
  const receiver = await createReceiver({ secret });
  const hooks = createWebhooks({ endpoints: [{ url: receiver.url('/all'), secret }], logger: false });
  const slack = await startLocalSlack();
  const calls: string[] = [];
  slack.onCall((method, params) => {
    if (method !== 'auth.test') calls.push(`${method} ${String(params.text ?? '')}`.trim());
  });
  const app = createApp(
    readConfig({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_API_URL: slack.apiUrl,
    }),
  );
  attachWebhooks(app, hooks);
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  slack.deliverTo(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
  onTestFinished(async () => {
    await app.stop();
    await hooks.close({ timeoutMs: 1_000 });
    await receiver.close();
    await slack.close();
  });
  expect(await slack.userSends('hello')).toBe(200);
  expect(await slack.userCommands('/order')).toBe('');
  await receiver.waitFor(4);
  expect(await slack.userPresses('order:tea')).toBe(200);
  await receiver.waitFor(6);
  expect(calls).toEqual([
    'chat.postMessage You said: hello',
    'response_url What would you like to order?',
    'response_url One tea, coming up.',
  ]);
  await hooks.flush({ timeoutMs: 5_000 });
  expect(
    receiver.requests.map((request) => {
      const event = request.json<MessageEvent>();
      return `${event.type} ${event.data.message.text ?? ''}`.trim();
    }),
  ).toEqual([
    'message.received hello',
    'message.sent You said: hello',
    'message.received /order',
    'message.sent What would you like to order?',
    'message.received order:tea',
    'message.edited One tea, coming up.',
  ]);
  expect(receiver.requests.every((request) => request.verified)).toBe(true);
});
