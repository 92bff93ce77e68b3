import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhooks, generateSecret, type MessageEvent } from '@bothooks/core';
import { attachWebhooks } from '@bothooks/slack';
import { createReceiver } from '@bothooks/testkit';
import { createFakeSlack, FAKE_CHANNELS } from '@bothooks/testkit/slack';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createApp } from './app';
import { readConfig } from './config';

async function start() {
  const secret = generateSecret();
  const slack = await createFakeSlack();
  const receiver = await createReceiver({ secret });
  const hooks = createWebhooks({
    endpoints: [
      { id: 'all', url: receiver.url('/all'), secret },
      { id: 'orders', url: receiver.url('/orders'), secret, interactions: ['order'] },
    ],
    logger: false,
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
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  onTestFinished(async () => {
    await app.stop();
    await hooks.close({ timeoutMs: 1_000 });
    await receiver.close();
    await slack.close();
  });
  const delivered = async (path: string): Promise<string[]> => {
    await hooks.flush({ timeoutMs: 5_000 });
    return receiver.on(path).map((request) => {
      const event = request.json<MessageEvent>();
      return `${event.type} ${event.data.message.text ?? ''}`.trim();
    });
  };
  return { slack, url, receiver, delivered };
}

describe('the example app', () => {
  it('sends a webhook for each message of an order, and the order endpoint gets only those', async () => {
    const { slack, url, receiver, delivered } = await start();
    await slack.deliver(url, slack.payloads.message('hello'));
    await slack.deliver(url, slack.payloads.command('/order', ''));
    const [question] = await slack.waitForResponses(1);
    expect(question?.body.text).toBe('What would you like to order?');
    await slack.deliver(
      url,
      slack.payloads.buttonPress(
        { channel: FAKE_CHANNELS.dm.id, ts: '1700000000.000100' },
        { actionId: 'order:tea', value: 'tea', text: 'Tea' },
      ),
    );
    // Bolt acknowledges first and handles after: the webhooks say when the app is done.
    await receiver.waitFor(8);
    expect(await delivered('/orders')).toEqual([
      'message.received /order',
      'message.sent What would you like to order?',
      'message.received Tea',
      'message.edited One tea, coming up.',
    ]);
    expect(await delivered('/all')).toContain('message.sent You said: hello');
  });

  it('reports the send, edit and delete of status', async () => {
    const { slack, url, receiver, delivered } = await start();
    await slack.deliver(url, slack.payloads.message('status'));
    await receiver.waitFor(5);
    expect(await delivered('/all')).toEqual([
      'message.received status',
      'message.sent Checking your order…',
      'message.edited Your order has shipped.',
      'message.deleted',
      'message.sent Your order has shipped. (I tidied up my last message.)',
    ]);
  });
});

describe('readConfig', () => {
  it('says what is missing or wrong', () => {
    expect(() => readConfig({})).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => readConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'nope' })).toThrow(/xapp-/);
    expect(() =>
      readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', WEBHOOK_URL: 'ftp://x' }),
    ).toThrow(/WEBHOOK_URL/);
    expect(
      readConfig({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_APP_TOKEN: 'xapp-1',
        SLACK_API_URL: 'http://127.0.0.1:1/api',
      }),
    ).toMatchObject({
      appToken: 'xapp-1',
      apiUrl: 'http://127.0.0.1:1/api/',
      port: 3000,
      includeText: true,
    });
  });
});
