import { readFileSync } from 'node:fs';
import {
  type BotHost,
  createFakeBotConnector,
  createUserActivity,
  DEFAULT_BOT,
  DEFAULT_CONVERSATION_ID,
  DEFAULT_USER,
  type FakeBotConnector,
  startBotHost,
} from '@bothooks/testkit/botbuilder';
import { ActivityHandler, type ConversationReference, TurnContext } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { activityToMessageData, attachWebhooks, type BotbuilderWebhooksOptions } from '../src/index';
import type { ActivityInput } from '../src/map-activity';
import { createSink, type Envelope, type Sink, summary } from './support/sink';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A bot as people write them: an ActivityHandler that replies, edits and deletes its own messages. */
class ShopBot extends ActivityHandler {
  /** Where the bot can write later, kept as bots do from `TurnContext.getConversationReference`. */
  reference: Partial<ConversationReference> | undefined;

  constructor() {
    super();
    this.onMessage(async (context, next) => {
      this.reference = TurnContext.getConversationReference(context.activity);
      const text = context.activity.text ?? '';
      if (text === 'status') {
        const sent = await context.sendActivity('Checking your order…');
        await context.updateActivity({ id: sent?.id, type: 'message', text: 'Your order has shipped.' });
      } else if (text === 'oops') {
        const sent = await context.sendActivity('A message sent by mistake');
        await context.deleteActivity(sent?.id ?? '');
      } else if (text === 'crash') {
        await context.sendActivity('Let me look…');
        throw new Error('order service unavailable');
      } else {
        await context.sendActivity(`You said: ${text}`);
      }
      await next();
    });
  }
}

async function setup(
  options?: BotbuilderWebhooksOptions,
  sinkOptions?: Parameters<typeof createSink>[0],
): Promise<{
  sink: Sink;
  connector: FakeBotConnector;
  host: BotHost;
  bot: ShopBot;
  turnErrors: Error[];
}> {
  const sink = await createSink(sinkOptions);
  cleanups.push(() => sink.close());
  const connector = await createFakeBotConnector();
  cleanups.push(() => connector.close());
  const bot = new ShopBot();
  const host = await startBotHost((context) => bot.run(context));
  cleanups.push(() => host.close());
  const turnErrors: Error[] = [];
  host.adapter.onTurnError = async (context, error) => {
    turnErrors.push(error);
    await context.sendActivity('Sorry, something went wrong.');
  };
  attachWebhooks(host.adapter, sink.hooks, options);
  return { sink, connector, host, bot, turnErrors };
}

describe('attachWebhooks with a real CloudAdapter and a Bot Connector', () => {
  it('delivers replies, edits, deletes and proactive sends, signed, with the ids the connector assigned', async () => {
    const { sink, connector, host, bot } = await setup();

    const inbound = createUserActivity(connector.serviceUrl, { text: 'hello' });
    expect((await host.post(inbound)).status).toBe(200);
    expect((await host.post(createUserActivity(connector.serviceUrl, { text: 'status' }))).status).toBe(200);
    expect((await host.post(createUserActivity(connector.serviceUrl, { text: 'oops' }))).status).toBe(200);
    await host.adapter.continueConversationAsync('', bot.reference ?? {}, async (context) => {
      await context.sendActivity('Reminder: your order arrives today.');
    });

    const events = await sink.events();
    expect(events.map(summary)).toEqual([
      'message.received hello',
      'message.sent You said: hello',
      'message.received status',
      'message.sent Checking your order…',
      'message.edited Your order has shipped.',
      'message.received oops',
      'message.sent A message sent by mistake',
      'message.deleted',
      'message.sent Reminder: your order arrives today.',
    ]);
    expect(sink.receiver.requests.every((request) => request.verified)).toBe(true);

    const sentIds = connector.calls
      .filter((call) => call.operation === 'replyToActivity')
      .map((call) => call.activityId);
    const byType = (type: string): Envelope[] => events.filter((event) => event.type === type);
    expect(byType('message.sent').map((event) => event.data.message.id)).toEqual(sentIds);
    expect(byType('message.edited')[0]?.data.message.id).toBe(
      connector.callsOf('updateActivity')[0]?.activityId,
    );
    expect(byType('message.deleted')[0]?.data.message.id).toBe(
      connector.callsOf('deleteActivity')[0]?.activityId,
    );

    expect(events[0]?.data).toEqual({
      platform: 'botframework',
      direction: 'inbound',
      channel: 'webchat',
      bot: { id: DEFAULT_BOT.id, name: DEFAULT_BOT.name },
      conversation: { id: DEFAULT_CONVERSATION_ID, type: 'personal', isGroup: false },
      user: { id: DEFAULT_USER.id, name: DEFAULT_USER.name, locale: 'en-US' },
      message: { id: inbound.id, text: 'hello', attachments: [] },
    });
    expect(events[0]?.timestamp).toBe((inbound.timestamp as Date).toISOString());
    expect(events[1]?.data).toMatchObject({
      direction: 'outbound',
      bot: { id: DEFAULT_BOT.id },
      user: { id: DEFAULT_USER.id },
      message: { replyToId: inbound.id },
    });
    const proactive = events[8]?.data;
    expect(proactive).toMatchObject({ direction: 'outbound', user: { id: DEFAULT_USER.id } });
    expect(proactive?.message.replyToId).toBeUndefined();
  });

  it('reports the onTurnError apology and everything before the throw, and the error reaches onTurnError', async () => {
    const { sink, connector, host, turnErrors } = await setup();

    const answer = await host.post(createUserActivity(connector.serviceUrl, { text: 'crash' }));

    expect(answer.status).toBe(200);
    expect(turnErrors.map((error) => error.message)).toEqual(['order service unavailable']);
    expect((await sink.events()).map(summary)).toEqual([
      'message.received crash',
      'message.sent Let me look…',
      'message.sent Sorry, something went wrong.',
    ]);
    expect(connector.conversation(DEFAULT_CONVERSATION_ID).map((entry) => entry.activity.text)).toEqual([
      'Let me look…',
      'Sorry, something went wrong.',
    ]);
  });

  it('reports a send the connector refused as message.failed when asked, and the bot still sees the error', async () => {
    const { sink, connector, host, turnErrors } = await setup({
      events: ['message.received', 'message.sent', 'message.failed'],
    });
    connector.fail({
      operation: 'replyToActivity',
      status: 403,
      code: 'BotNotInConversationRoster',
      message: 'Not in roster',
    });

    await host.post(createUserActivity(connector.serviceUrl, { text: 'hello' }));

    expect(turnErrors).toEqual([
      expect.objectContaining({ statusCode: 403, code: 'BotNotInConversationRoster' }),
    ]);
    const events = await sink.events();
    expect(events.map(summary)).toEqual([
      'message.received hello',
      'message.failed You said: hello',
      'message.sent Sorry, something went wrong.',
    ]);
    expect(events[1]?.data.error).toEqual({
      operation: 'send',
      message: 'Not in roster',
      code: 'BotNotInConversationRoster',
      status: 403,
    });
  });

  it('reports an edit and a delete the connector refused, and passes the errors on', async () => {
    const { sink, connector, host, turnErrors } = await setup({
      events: ['message.sent', 'message.edited', 'message.deleted', 'message.failed'],
    });
    connector.fail({ operation: 'updateActivity', status: 400, code: 'BadArgument', message: 'Cannot edit' });
    connector.fail({ operation: 'deleteActivity', status: 404, code: 'NotFound', message: 'Already gone' });

    await host.post(createUserActivity(connector.serviceUrl, { text: 'status' }));
    await host.post(createUserActivity(connector.serviceUrl, { text: 'oops' }));

    expect(turnErrors.map((error) => error.message)).toEqual(['Cannot edit', 'Already gone']);
    const events = await sink.events();
    expect(events.map(summary)).toEqual([
      'message.sent Checking your order…',
      'message.failed Your order has shipped.',
      'message.sent Sorry, something went wrong.',
      'message.sent A message sent by mistake',
      'message.failed',
      'message.sent Sorry, something went wrong.',
    ]);
    expect(events[1]?.data.message.id).toBe(events[0]?.data.message.id);
    expect(events[1]?.data.error).toEqual({
      operation: 'edit',
      message: 'Cannot edit',
      code: 'BadArgument',
      status: 400,
    });
    expect(events[4]?.data.message.id).toBe(events[3]?.data.message.id);
    expect(events[4]?.data.error).toMatchObject({ operation: 'delete', code: 'NotFound', status: 404 });
  });

  it('skips the synthetic event of createConversationAsync and reports what the new turn sends', async () => {
    const { sink, connector, host } = await setup();

    await host.adapter.createConversationAsync(
      '',
      'webchat',
      connector.serviceUrl,
      '',
      { isGroup: false, bot: { ...DEFAULT_BOT }, members: [{ ...DEFAULT_USER }], channelData: {} },
      async (context) => {
        await context.sendActivity('Welcome to your new conversation');
      },
    );

    const events = await sink.events();
    expect(events.map(summary)).toEqual(['message.sent Welcome to your new conversation']);
    expect(events[0]?.data.conversation.id).toBe('new-conversation-1');
    expect(events[0]?.data.message.id).toBe(connector.callsOf('replyToActivity')[0]?.activityId);
  });

  it('maps a Teams channel message and its threaded reply', async () => {
    const { sink, connector, host } = await setup();
    const thread = '19:2fb1c9d2e3f4@thread.tacv2;messageid=1700000000001';

    await host.post(
      createUserActivity(connector.serviceUrl, {
        channelId: 'msteams',
        text: '<at>Shop Bot</at> hello',
        conversation: {
          id: thread,
          isGroup: true,
          conversationType: 'channel',
          tenantId: 'tenant-1',
          name: 'Orders',
        },
        attachments: [{ contentType: 'text/html', content: '<div><at>Shop Bot</at> hello</div>' }],
      }),
    );

    const events = await sink.events();
    expect(events.map((event) => event.data.conversation)).toEqual([
      {
        id: thread,
        type: 'channel',
        name: 'Orders',
        isGroup: true,
        threadId: '1700000000001',
        tenantId: 'tenant-1',
      },
      {
        id: thread,
        type: 'channel',
        name: 'Orders',
        isGroup: true,
        threadId: '1700000000001',
        tenantId: 'tenant-1',
      },
    ]);
    expect(events[0]?.data.message.attachments).toEqual([]);
    expect(events.map((event) => event.data.channel)).toEqual(['msteams', 'msteams']);
  });
});

describe('recorded channel activities through a real CloudAdapter', () => {
  it.each([
    'teams-personal-message',
    'teams-channel-mention',
    'teams-file-upload',
    'teams-message-update',
    'teams-message-delete',
    'webchat-message',
    'webchat-card-submit',
    'directline-attachment',
    'emulator-message',
  ])('publishes %s as the pure mapping describes it', async (name) => {
    const { sink, connector, host } = await setup();
    const recorded: ActivityInput = JSON.parse(
      readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'),
    );
    const activity = { ...recorded, serviceUrl: connector.serviceUrl };

    expect((await host.post(activity)).status).toBe(200);

    const [inbound] = await sink.events();
    expect(inbound?.data).toEqual(activityToMessageData(activity, { direction: 'inbound' }));
    expect(inbound?.timestamp).toBe(new Date(String(recorded.timestamp)).toISOString());
  });
});

describe('non-blocking delivery', () => {
  it('completes every turn while the endpoint holds every answer, and delivers everything after release', async () => {
    const { sink, connector, host } = await setup();
    const release = sink.receiver.hold();
    let delivered = 0;
    sink.hooks.on('delivered', () => {
      delivered += 1;
    });

    const answers = [];
    for (const text of ['one', 'status', 'oops']) {
      answers.push(await host.post(createUserActivity(connector.serviceUrl, { text })));
    }

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(connector.calls.map((call) => call.operation)).toEqual([
      'replyToActivity',
      'replyToActivity',
      'updateActivity',
      'replyToActivity',
      'deleteActivity',
    ]);
    await sink.receiver.waitFor(1);
    expect(delivered).toBe(0);

    release();
    const events = await sink.events();
    expect(delivered).toBe(8);
    expect(events.map((event) => event.type)).toEqual([
      'message.received',
      'message.sent',
      'message.received',
      'message.sent',
      'message.edited',
      'message.received',
      'message.sent',
      'message.deleted',
    ]);
  });

  it('keeps answering when the endpoint is down', async () => {
    // One attempt each: the point is the bot, not the retry schedule (covered in core).
    const { sink, connector, host, turnErrors } = await setup(undefined, { retry: false });
    await sink.receiver.close();
    const failed: string[] = [];
    sink.hooks.on('failed', (event) => failed.push(event.type));

    const answer = await host.post(createUserActivity(connector.serviceUrl, { text: 'anyone there?' }));
    await sink.hooks.flush({ timeoutMs: 5_000 });

    expect(answer.status).toBe(200);
    expect(turnErrors).toEqual([]);
    expect(connector.callsOf('replyToActivity')).toHaveLength(1);
    expect(failed.sort()).toEqual(['message.received', 'message.sent']);
  });
});
