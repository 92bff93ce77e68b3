// Run by express.test.ts in a Node process of its own: Express 5's router does not load under vitest's module
// resolution (`isPromise is not a function`), and runs fine under Node's. Prints what the receiver verified.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhooks, generateSecret, type MessageEvent } from '@bothooks/core';
import { createReceiver } from '@bothooks/testkit';
import { createFakeSlack } from '@bothooks/testkit/slack';
import { App, ExpressReceiver } from '@slack/bolt';
import { attachWebhooks } from '../src/index';
import { quietLogger } from './harness';

const secret = generateSecret();
const slack = await createFakeSlack();
const webhookReceiver = await createReceiver({ secret });
const hooks = createWebhooks({ endpoints: [{ url: webhookReceiver.url('/all'), secret }], logger: false });
const receiver = new ExpressReceiver({
  signingSecret: slack.signingSecret,
  processBeforeResponse: true,
  logger: quietLogger,
});
const app = new App({
  token: slack.botToken,
  receiver,
  logger: quietLogger,
  clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
});
app.message(async ({ message, say }) => {
  await say(`echo: ${'text' in message ? message.text : ''}`);
});
app.command('/status', async ({ ack }) => {
  await ack('All good');
});
attachWebhooks(app, hooks);
const server = createServer(receiver.app);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
const statuses = [
  (await slack.deliver(url, slack.payloads.message('via express'))).status,
  (await slack.deliver(url, slack.payloads.command('/status', ''))).status,
];
await hooks.flush({ timeoutMs: 5_000 });
const events = webhookReceiver.requests.map((request) => {
  const event = request.json<MessageEvent>();
  return { summary: `${event.type} ${event.data.message.text ?? ''}`.trim(), verified: request.verified };
});
process.stdout.write(`${JSON.stringify({ statuses, events })}\n`);
await hooks.close({ timeoutMs: 1_000 });
await webhookReceiver.close();
await new Promise<void>((resolve) => server.close(() => resolve()));
await slack.close();
