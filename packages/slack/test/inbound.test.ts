import { FAKE_CHANNELS, FAKE_USER } from '@bothooks/testkit/slack';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { attachWebhooks, tagInteraction } from '../src/index';
import { quietLogger, setup, summary } from './harness';

function echo(app: App): void {
  app.message(async ({ message, say }) => {
    await say(`echo: ${'text' in message ? message.text : ''}`);
  });
}

describe('inbound over HTTP', () => {
  it('reports messages in DMs, channels and threads, with their conversation, thread and workspace', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    echo(app);
    attachWebhooks(app, harness.hooks);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('in a DM'));
    const parent = slack.payloads.message('in a channel', { channel: FAKE_CHANNELS.general });
    await slack.deliver(harness.url, parent);
    await slack.deliver(
      harness.url,
      slack.payloads.message('in a thread', {
        channel: FAKE_CHANNELS.general,
        threadTs: String(parent.event.ts),
      }),
    );
    const received = (await harness.delivered()).filter((event) => event.type === 'message.received');
    expect(received.map((event) => event.data.conversation)).toEqual([
      { id: FAKE_CHANNELS.dm.id, type: 'im', isGroup: false, teamId: slack.team.id },
      { id: FAKE_CHANNELS.general.id, type: 'channel', isGroup: true, teamId: slack.team.id },
      {
        id: FAKE_CHANNELS.general.id,
        type: 'channel',
        isGroup: true,
        threadId: parent.event.ts,
        teamId: slack.team.id,
      },
    ]);
    expect(received.every((event) => event.data.user?.id === FAKE_USER.id)).toBe(true);
    expect(received.every((event) => event.data.bot.id === slack.bot.userId)).toBe(true);
    expect(received[2]?.data.message.replyToId).toBe(parent.event.ts);
  });

  it("reports a person's edits and deletes", async () => {
    const harness = await setup();
    const { slack, app } = harness;
    attachWebhooks(app, harness.hooks);
    await harness.start();
    const original = slack.payloads.message('tpyo', { channel: FAKE_CHANNELS.general });
    await slack.deliver(harness.url, original);
    await slack.deliver(harness.url, slack.payloads.messageChanged(original, 'typo'));
    await slack.deliver(harness.url, slack.payloads.messageDeleted(original));
    const events = await harness.delivered();
    expect(events.map(summary)).toEqual(['message.received tpyo', 'message.edited typo', 'message.deleted']);
    expect(new Set(events.map((event) => event.data.message.id))).toEqual(new Set([original.event.ts]));
    expect(events.every((event) => event.data.direction === 'inbound')).toBe(true);
  });

  it("never reports the bot's own echo as received, even with ignoreSelf's place taken by the observer", async () => {
    const harness = await setup();
    const { slack, app } = harness;
    let echoes = 0;
    app.message(async ({ message, say }) => {
      if ('bot_id' in message && message.bot_id) echoes += 1;
      else await say('hi');
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('hello'));
    const [call] = slack.callsTo('chat.postMessage');
    const stored = slack.message(FAKE_CHANNELS.dm.id, String(call?.response.ts));
    if (!stored) throw new Error('the fake holds no reply');
    await slack.deliver(harness.url, slack.payloads.botEcho(stored));
    expect((await harness.delivered()).map(summary)).toEqual(['message.received hello', 'message.sent hi']);
    // ignoreSelf still runs: the echo never reached the listener.
    expect(echoes).toBe(0);
  });

  it('reports a mention once although Slack sends it as message and app_mention, and tags it from either turn', async () => {
    const harness = await setup({
      endpoints: (url) => [
        { id: 'all', url: url('/all') },
        { id: 'support', url: url('/support'), interactions: ['support'] },
      ],
    });
    const { slack, app } = harness;
    app.event('app_mention', async ({ body, say }) => {
      tagInteraction(body, 'support');
      await say('How can I help?');
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    const text = `<@${slack.bot.userId}> help`;
    const message = slack.payloads.message(text, { channel: FAKE_CHANNELS.general });
    const mention = slack.payloads.appMention(text, { channel: FAKE_CHANNELS.general });
    mention.event.ts = message.event.ts;
    await slack.deliver(harness.url, message);
    await slack.deliver(harness.url, mention);
    expect((await harness.delivered()).map(summary)).toEqual([
      `message.received ${text}`,
      'message.sent How can I help?',
    ]);
    const scoped = await harness.delivered('/support');
    expect(scoped.map(summary)).toEqual([`message.received ${text}`, 'message.sent How can I help?']);
    expect(scoped.every((event) => event.data.interaction === 'support')).toBe(true);
  });

  it('reports a retried delivery (x-slack-retry-num) once; what the listeners send again is reported', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    echo(app);
    attachWebhooks(app, harness.hooks);
    await harness.start();
    const body = slack.payloads.message('are you there?');
    await slack.deliver(harness.url, body);
    await slack.deliver(harness.url, body, { retryNum: 1, retryReason: 'http_timeout' });
    expect((await harness.delivered()).map(summary)).toEqual([
      'message.received are you there?',
      'message.sent echo: are you there?',
      'message.sent echo: are you there?',
    ]);
  });

  it('reports slash commands, buttons, menus and modals as message.received with their action', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    app.command('/order', async ({ ack }) => {
      await ack();
    });
    app.action(/.*/, async ({ ack }) => {
      await ack();
    });
    app.view('order_form', async ({ ack }) => {
      await ack();
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    const on = { channel: FAKE_CHANNELS.general.id, ts: '1700000000.000100' };
    await slack.deliver(harness.url, slack.payloads.command('/order', 'two pizzas'));
    await slack.deliver(
      harness.url,
      slack.payloads.buttonPress(on, { actionId: 'confirm', value: 'yes', text: 'Confirm' }),
    );
    await slack.deliver(
      harness.url,
      slack.payloads.menuChoice(on, { actionId: 'size', value: 'large', text: 'Large' }),
    );
    await slack.deliver(
      harness.url,
      slack.payloads.viewSubmission('order_form', { address: { street: 'Main St 1' } }),
    );
    const events = await harness.delivered();
    expect(events.map((event) => [event.data.message.text, event.data.message.action])).toEqual([
      ['/order two pizzas', { kind: 'command', value: '/order', options: { text: 'two pizzas' } }],
      ['Confirm', { kind: 'button', value: 'yes' }],
      ['Large', { kind: 'select', value: 'large' }],
      [undefined, { kind: 'modal', value: 'order_form', options: { 'address.street': 'Main St 1' } }],
    ]);
    expect(events[1]?.data.message.replyToId).toBe(on.ts);
    expect(events.every((event) => event.data.user?.id === FAKE_USER.id)).toBe(true);
  });

  it('sees every delivery whatever the middleware: one that stops the chain before attaching', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    app.use(async () => {
      // A gate that lets nothing through.
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('gated'));
    expect((await harness.delivered()).map(summary)).toEqual(['message.received gated']);
  });

  it('reports nothing for a request with a bad signature, or for events that are no message', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    echo(app);
    attachWebhooks(app, harness.hooks);
    await harness.start();
    expect(
      (await slack.deliver(harness.url, slack.payloads.message('forged'), { signature: 'invalid' })).status,
    ).toBe(401);
    const reaction = slack.payloads.message('x');
    reaction.event = {
      type: 'reaction_added',
      user: FAKE_USER.id,
      reaction: 'tada',
      item: { type: 'message', channel: FAKE_CHANNELS.dm.id, ts: '1.1' },
      event_ts: '1.2',
    };
    await slack.deliver(harness.url, reaction);
    expect(await harness.delivered()).toEqual([]);
    expect(harness.frameworkErrors).toEqual([]);
  });
});

describe('inbound over Socket Mode', () => {
  it('reports messages and commands arriving on the WebSocket, a retry attempt once, and ack(body)', async () => {
    const harness = await setup({ mode: 'socket' });
    const { slack, app } = harness;
    echo(app);
    app.command('/quote', async ({ ack }) => {
      await ack({ text: 'A quote, privately' });
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    const body = slack.payloads.message('over the socket');
    await slack.socketMode.send(body);
    await slack.waitForCalls('chat.postMessage', 1);
    await slack.socketMode.send(body, { retryAttempt: 1, retryReason: 'timeout' });
    await slack.waitForCalls('chat.postMessage', 2);
    const acked = await slack.socketMode.send(slack.payloads.command('/quote', ''));
    expect(acked.ack).toEqual({ text: 'A quote, privately' });
    await harness.hooks.flush({ timeoutMs: 5_000 });
    const events = await harness.delivered();
    expect(events.map(summary)).toEqual([
      'message.received over the socket',
      'message.sent echo: over the socket',
      'message.sent echo: over the socket',
      'message.received /quote',
      'message.sent A quote, privately',
    ]);
    expect(events[4]?.data.conversation.id).toBe(FAKE_CHANNELS.dm.id);
    expect(events[4]?.data.user?.id).toBe(FAKE_USER.id);
  });
});

describe('inbound through other receivers', () => {
  it('sees deliveries of a custom receiver, which calls processEvent itself', async () => {
    const acks: unknown[] = [];
    class InProcessReceiver implements Receiver {
      app: App | undefined;
      init(app: App): void {
        this.app = app;
      }
      start(): Promise<void> {
        return Promise.resolve();
      }
      stop(): Promise<void> {
        return Promise.resolve();
      }
      dispatch(body: Record<string, unknown>): Promise<void> {
        const event: ReceiverEvent = {
          body,
          ack: async (response) => {
            acks.push(response);
          },
        };
        return this.app?.processEvent(event) ?? Promise.resolve();
      }
    }
    const receiver = new InProcessReceiver();
    const harness = await setup();
    const { App } = await import('@slack/bolt');
    const app = new App({
      token: harness.slack.botToken,
      receiver,
      logger: quietLogger,
      clientOptions: { slackApiUrl: harness.slack.apiUrl, retryConfig: { retries: 0 } },
    });
    echo(app);
    attachWebhooks(app, harness.hooks);
    await receiver.dispatch(harness.slack.payloads.message('in process'));
    expect((await harness.delivered()).map(summary)).toEqual([
      'message.received in process',
      'message.sent echo: in process',
    ]);
    expect(acks).toEqual([undefined]);
  });
});
