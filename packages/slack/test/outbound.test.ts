import { MESSAGE_EVENT_TYPES } from '@bothooks/core';
import { FAKE_CHANNELS, FAKE_USER } from '@bothooks/testkit/slack';
import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { setup, summary } from './harness';

const everything = { events: [...MESSAGE_EVENT_TYPES] };

describe('outbound from listeners', () => {
  it('reports say, and chat.postMessage / update / delete / postEphemeral / meMessage of the pooled client', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    const clients: webApi.WebClient[] = [];
    app.message('go', async ({ say, client, message }) => {
      clients.push(client);
      const sent = await say('one');
      const posted = await client.chat.postMessage({
        channel: message.channel,
        text: 'two',
        thread_ts: String(sent.ts),
      });
      await client.chat.update({ channel: message.channel, ts: String(posted.ts), text: 'two, edited' });
      await client.chat.delete({ channel: message.channel, ts: String(sent.ts) });
      await client.chat.postEphemeral({
        channel: FAKE_CHANNELS.general.id,
        user: FAKE_USER.id,
        text: 'just you',
      });
      await client.chat.meMessage({ channel: message.channel, text: 'waves' });
      await client.apiCall('chat.postMessage', { channel: message.channel, text: 'three' });
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('go'));
    // Listeners get the client of the workspace's pool, not app.client.
    expect(clients[0]).not.toBe(app.client);
    const events = await harness.delivered();
    expect(events.map(summary)).toEqual([
      'message.received go',
      'message.sent one',
      'message.sent two',
      'message.edited two, edited',
      'message.deleted',
      'message.sent just you',
      'message.sent waves',
      'message.sent three',
    ]);
    const posts = slack.callsTo('chat.postMessage');
    expect(events[1]?.data.message.id).toBe(posts[0]?.response.ts);
    expect(events[2]?.data.conversation.threadId).toBe(posts[0]?.response.ts);
    expect(events[3]?.data.message.id).toBe(posts[1]?.response.ts);
    expect(events[4]?.data.message.id).toBe(posts[0]?.response.ts);
    expect(events[5]?.data).toMatchObject({
      conversation: { id: FAKE_CHANNELS.general.id },
      user: { id: FAKE_USER.id },
    });
    for (const event of events.slice(1)) {
      expect(event.data).toMatchObject({ direction: 'outbound', bot: { id: slack.bot.userId } });
    }
    expect(events[1]?.data.user?.id).toBe(FAKE_USER.id);
  });

  it('gives the app the very results and errors web-api gave, and reports a refusal as message.failed', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    const seen: unknown[] = [];
    app.message('go', async ({ client }) => {
      const result = await client.chat.postMessage({ channel: FAKE_CHANNELS.general.id, text: 'fine' });
      seen.push(result);
      try {
        await client.chat.postMessage({ channel: 'C0NOWHERE', text: 'lost' });
      } catch (error) {
        seen.push(error);
      }
    });
    attachWebhooks(app, harness.hooks, everything);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('go'));
    const [ok, refused] = slack.callsTo('chat.postMessage');
    expect(seen[0]).toMatchObject({ ...ok?.response, response_metadata: {} });
    expect(seen[1]).toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { error: 'channel_not_found' },
    });
    expect(refused?.response).toEqual({ ok: false, error: 'channel_not_found' });
    const events = await harness.delivered();
    expect(events.map(summary)).toEqual(['message.received go', 'message.sent fine', 'message.failed lost']);
    expect(events[2]?.data.error).toEqual({
      operation: 'send',
      code: 'NOT_FOUND',
      message: 'channel_not_found',
      platformCode: 'channel_not_found',
    });
  });

  it('reports one message.sent for a call web-api retried after a 429, once Slack accepted it', async () => {
    const harness = await setup({ retryConfig: { retries: 2, minTimeout: 1, maxTimeout: 1 } });
    const { slack, app } = harness;
    slack.fail('chat.postMessage', { rateLimited: 0 });
    app.message('go', async ({ say }) => {
      await say('eventually');
    });
    attachWebhooks(app, harness.hooks, everything);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('go'));
    expect(slack.callsTo('chat.postMessage').map((call) => call.status)).toEqual([429, 200]);
    expect((await harness.delivered()).map(summary)).toEqual([
      'message.received go',
      'message.sent eventually',
    ]);
  });

  it('reports respond(): a new message, a replaced original (edited) and a deleted original', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    app.action('vote', async ({ ack, respond }) => {
      await ack();
      await respond({ text: 'Thanks for voting', response_type: 'in_channel' });
      await respond({ text: 'Voting closed', replace_original: true });
      await respond({ delete_original: true });
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    const on = { channel: FAKE_CHANNELS.general.id, ts: '1700000000.000300' };
    await slack.deliver(
      harness.url,
      slack.payloads.buttonPress(on, { actionId: 'vote', value: 'yes', text: 'Yes' }),
    );
    const events = await harness.delivered();
    expect(events.map(summary)).toEqual([
      'message.received Yes',
      'message.sent Thanks for voting',
      'message.edited Voting closed',
      'message.deleted',
    ]);
    expect(events[2]?.data.message.id).toBe(on.ts);
    expect(events[3]?.data.message.id).toBe(on.ts);
    expect(slack.responses.map((post) => post.status)).toEqual([200, 200, 200]);
    expect(JSON.stringify(events)).not.toContain('/response/');
  });

  it('reports a response_url that refused as message.failed, and respond() still rejects for the app', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    let thrown: unknown;
    app.command('/late', async ({ ack, respond }) => {
      await ack();
      try {
        await respond('too late');
      } catch (error) {
        thrown = error;
      }
    });
    attachWebhooks(app, harness.hooks, everything);
    await harness.start();
    slack.failResponses(404);
    await slack.deliver(harness.url, slack.payloads.command('/late', ''));
    expect(thrown).toMatchObject({ statusCode: 404 });
    const events = await harness.delivered();
    expect(events.map(summary)).toEqual(['message.received /late', 'message.failed too late']);
    expect(events[1]?.data.error).toMatchObject({ operation: 'send', code: 'NOT_FOUND', status: 404 });
  });

  it("reports a slash command's ack(body), carried by the HTTP answer", async () => {
    const harness = await setup({ processBeforeResponse: false });
    const { slack, app } = harness;
    app.command('/status', async ({ ack }) => {
      await ack({ text: 'All systems go', response_type: 'in_channel' });
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    const delivery = await slack.deliver(
      harness.url,
      slack.payloads.command('/status', '', { channel: FAKE_CHANNELS.general }),
    );
    expect(JSON.parse(delivery.body)).toEqual({ text: 'All systems go', response_type: 'in_channel' });
    const events = await harness.delivered();
    expect(events.map(summary)).toEqual(['message.received /status', 'message.sent All systems go']);
    expect(events[1]?.data.conversation.id).toBe(FAKE_CHANNELS.general.id);
  });

  it('reports a file shared by files.uploadV2 once, described, with the ts of its share', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    app.message('report', async ({ client, message }) => {
      await client.files.uploadV2({
        channel_id: message.channel,
        initial_comment: 'This week',
        filename: 'report.txt',
        title: 'report.txt',
        content: 'all good',
      });
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('report'));
    const events = await harness.delivered();
    expect(events.map(summary)).toEqual(['message.received report', 'message.sent This week']);
    expect(events[1]?.data.message.id).toEqual(expect.stringMatching(/^\d+\.\d{6}$/));
    expect(events[1]?.data.message.attachments).toEqual([
      expect.objectContaining({ type: 'file', name: 'report.txt', size: 8, contentType: 'text/plain' }),
    ]);
  });
});

describe('function executions', () => {
  it('reports what a custom function sends through the client Bolt builds for that execution alone', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    const seen: webApi.WebClient[] = [];
    app.function('notify', async ({ client, inputs, complete }) => {
      seen.push(client);
      await client.chat.postMessage({
        channel: String(inputs.channel),
        text: `Order ${String(inputs.order)} is ready`,
      });
      await complete({ outputs: {} });
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    const execution = slack.payloads.functionExecuted('notify', {
      channel: FAKE_CHANNELS.general.id,
      order: '42',
    });
    expect((await slack.deliver(harness.url, execution)).status).toBe(200);
    expect(seen[0]).not.toBe(app.client);
    expect(seen[0]?.token).toBe(execution.event.bot_access_token);
    expect(slack.callsTo('functions.completeSuccess')).toHaveLength(1);
    const events = await harness.delivered();
    expect(events.map(summary)).toEqual(['message.sent Order 42 is ready']);
    expect(events[0]?.data).toMatchObject({
      bot: { id: slack.bot.userId },
      conversation: { id: FAKE_CHANNELS.general.id },
    });
    expect(harness.frameworkErrors).toEqual([]);
  });
});

describe('streams', () => {
  it('reports a stream once started (message.sent) and once stopped, with all its markdown (message.edited)', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    app.message('stream', async ({ sayStream }) => {
      if (!sayStream) throw new Error('Bolt gave no sayStream');
      // A tiny buffer, so the stream starts, appends and stops on the wire.
      const stream = sayStream({ buffer_size: 1 });
      await stream.append({ markdown_text: 'Hello' });
      await stream.append({ markdown_text: ', world' });
      await stream.stop({ markdown_text: '!' });
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    const asked = slack.payloads.message('stream');
    await slack.deliver(harness.url, asked);
    expect(slack.calls.map((call) => call.method).filter((method) => method.includes('Stream'))).toEqual([
      'chat.startStream',
      'chat.appendStream',
      'chat.stopStream',
    ]);
    const events = await harness.delivered();
    expect(events.map(summary)).toEqual([
      'message.received stream',
      'message.sent Hello',
      'message.edited Hello, world!',
    ]);
    const ts = slack.callsTo('chat.startStream')[0]?.response.ts;
    expect(events[1]?.data.message.id).toBe(ts);
    expect(events[2]?.data.message.id).toBe(ts);
    expect(events[2]?.data.conversation.threadId).toBe(asked.event.ts);
    expect(slack.message(FAKE_CHANNELS.dm.id, String(ts))?.text).toBe('Hello, world!');
  });
});

describe('outbound outside listeners', () => {
  it("reports app.client calls (a scheduled post), with the DM's person learnt from earlier events", async () => {
    const harness = await setup();
    const { slack, app } = harness;
    attachWebhooks(app, harness.hooks);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('remind me'));
    await app.client.chat.postMessage({ channel: FAKE_CHANNELS.dm.id, text: 'Reminder!' });
    await app.client.chat.postMessage({ channel: FAKE_CHANNELS.general.id, text: 'Daily digest' });
    await app.client.conversations.info({ channel: FAKE_CHANNELS.general.id });
    const events = await harness.delivered();
    expect(events.map(summary)).toEqual([
      'message.received remind me',
      'message.sent Reminder!',
      'message.sent Daily digest',
    ]);
    expect(events[1]?.data).toMatchObject({
      user: { id: FAKE_USER.id },
      conversation: { id: FAKE_CHANNELS.dm.id, type: 'im', teamId: slack.team.id },
      bot: { id: slack.bot.userId },
    });
    expect(events[2]?.data.user).toBeUndefined();
  });

  it('reports app.client calls of an app that has not received anything yet, with the bot from the answer', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    attachWebhooks(app, harness.hooks);
    await app.client.chat.postMessage({ channel: FAKE_CHANNELS.general.id, text: 'Good morning' });
    const [event] = await harness.delivered();
    expect(event?.data.bot).toEqual({ id: slack.bot.userId, name: slack.bot.name });
    expect(event?.data.message.text).toBe('Good morning');
  });
});
