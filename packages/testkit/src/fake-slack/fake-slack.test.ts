import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createFakeSlack, FAKE_CHANNELS, FAKE_USER, type FakeSlack } from './index';

const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

async function start(): Promise<{ slack: FakeSlack; app: App; url: string }> {
  const slack = await createFakeSlack();
  const app = new App({
    token: slack.botToken,
    signingSecret: slack.signingSecret,
    logger: quiet,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as import('node:http').Server;
  const address = server.address() as import('node:net').AddressInfo;
  onTestFinished(async () => {
    await app.stop();
    await slack.close();
  });
  return { slack, app, url: `http://127.0.0.1:${address.port}/slack/events` };
}

describe('fake Slack', () => {
  it('answers auth.test and chat.postMessage for a real Bolt app, and holds the message', async () => {
    const { slack, app, url } = await start();
    app.message('hello', async ({ say }) => {
      await say('hi there');
    });
    const delivery = await slack.deliver(url, slack.payloads.message('hello'));
    expect(delivery.status).toBe(200);
    const [call] = await slack.waitForCalls('chat.postMessage');
    expect(call?.params).toMatchObject({ channel: FAKE_CHANNELS.dm.id, text: 'hi there' });
    expect(call?.auth).toBe('bot');
    const ts = String(call?.response.ts);
    expect(slack.message(FAKE_CHANNELS.dm.id, ts)).toMatchObject({
      text: 'hi there',
      user: slack.bot.userId,
    });
    expect(slack.callsTo('auth.test')).toHaveLength(1);
  });

  it('refuses a request with a bad signature', async () => {
    const { slack, url } = await start();
    const delivery = await slack.deliver(url, slack.payloads.message('hello'), { signature: 'invalid' });
    expect(delivery.status).toBe(401);
  });

  it('carries a slash command ack in the HTTP answer and sinks respond()', async () => {
    const { slack, app, url } = await start();
    app.command('/quote', async ({ ack, respond }) => {
      await ack('on it');
      await respond({ text: 'a quote', response_type: 'in_channel' });
    });
    const delivery = await slack.deliver(url, slack.payloads.command('/quote', 'today'));
    expect(delivery.body).toBe('on it');
    const [posted] = await slack.waitForResponses(1);
    expect(posted?.body).toEqual({ text: 'a quote', response_type: 'in_channel' });
    expect(posted?.ts).toEqual(expect.any(String));
  });

  it('answers 429 with retry-after, which web-api waits out and retries', async () => {
    const slack = await createFakeSlack();
    const app = new App({
      token: slack.botToken,
      signingSecret: slack.signingSecret,
      logger: quiet,
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 2, minTimeout: 1, maxTimeout: 1 } },
    });
    onTestFinished(() => slack.close());
    slack.fail('chat.postMessage', { rateLimited: 0 });
    const result = await app.client.chat.postMessage({ channel: FAKE_CHANNELS.general.id, text: 'busy?' });
    expect(result.ok).toBe(true);
    expect(slack.callsTo('chat.postMessage').map((call) => call.status)).toEqual([429, 200]);
  });

  it('updates and deletes only what the bot posted', async () => {
    const slack = await createFakeSlack();
    onTestFinished(() => slack.close());
    const app = new App({
      token: slack.botToken,
      signingSecret: slack.signingSecret,
      logger: quiet,
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    });
    const sent = await app.client.chat.postMessage({ channel: FAKE_USER.id, text: 'draft' });
    expect(sent.channel).toBe(FAKE_CHANNELS.dm.id);
    const updated = await app.client.chat.update({
      channel: String(sent.channel),
      ts: String(sent.ts),
      text: 'final',
    });
    expect(updated.text).toBe('final');
    await app.client.chat.delete({ channel: String(sent.channel), ts: String(sent.ts) });
    await expect(
      app.client.chat.delete({ channel: String(sent.channel), ts: String(sent.ts) }),
    ).rejects.toMatchObject({ data: { error: 'message_not_found' } });
    const info = await app.client.conversations.info({ channel: FAKE_CHANNELS.general.id });
    expect(info.channel).toMatchObject({ name: 'general', is_channel: true });
  });

  it('runs a Socket Mode app: hello, envelopes and their acknowledgements', async () => {
    const slack = await createFakeSlack();
    const receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger: quiet,
      installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl } },
    });
    const app = new App({
      token: slack.botToken,
      receiver,
      logger: quiet,
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    });
    await app.start();
    onTestFinished(async () => {
      await app.stop();
      await slack.close();
    });
    app.command('/quote', async ({ ack }) => {
      await ack({ text: 'acked over the socket' });
    });
    await slack.socketMode.waitForConnection();
    const delivery = await slack.socketMode.send(slack.payloads.command('/quote', ''));
    expect(delivery).toMatchObject({ type: 'slash_commands', ack: { text: 'acked over the socket' } });
    expect(slack.callsTo('apps.connections.open')[0]?.auth).toBe('app');
  });
});
