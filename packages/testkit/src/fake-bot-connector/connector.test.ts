import type { Activity, TurnContext } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createConversationReference,
  createUserActivity,
  DEFAULT_BOT,
  DEFAULT_CONVERSATION_ID,
  DEFAULT_USER,
} from './activities';
import { type BotHost, startBotHost } from './bot-host';
import { createFakeBotConnector, type FakeBotConnector } from './connector';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(logic: (context: TurnContext) => Promise<void>): Promise<{
  connector: FakeBotConnector;
  host: BotHost;
  turnErrors: Error[];
}> {
  const connector = await createFakeBotConnector();
  cleanups.push(() => connector.close());
  const host = await startBotHost(logic);
  cleanups.push(() => host.close());
  const turnErrors: Error[] = [];
  host.adapter.onTurnError = async (_context, error) => {
    turnErrors.push(error);
  };
  return { connector, host, turnErrors };
}

describe('createFakeBotConnector with a real CloudAdapter', () => {
  it('answers replies, edits and deletes with ids, and keeps the conversation as a channel shows it', async () => {
    const returned: (string | undefined)[] = [];
    const { connector, host } = await setup(async (context) => {
      const first = await context.sendActivity('first');
      const second = await context.sendActivity('second');
      returned.push(first?.id, second?.id);
      await context.updateActivity({ id: first?.id, type: 'message', text: 'first, edited' });
      await context.deleteActivity(second?.id ?? '');
    });
    const inbound = createUserActivity(connector.serviceUrl, { text: 'hello' });

    const answer = await host.post(inbound);

    expect(answer.status).toBe(200);
    expect(returned).toEqual(['srv-1', 'srv-2']);
    expect(connector.calls.map((call) => `${call.operation} ${call.activityId}`)).toEqual([
      'replyToActivity srv-1',
      'replyToActivity srv-2',
      'updateActivity srv-1',
      'deleteActivity srv-2',
    ]);
    const [reply] = connector.callsOf('replyToActivity');
    expect(reply?.replyToId).toBe(inbound.id);
    expect(reply?.conversationId).toBe(DEFAULT_CONVERSATION_ID);
    expect(reply?.body).toMatchObject({ type: 'message', text: 'first', replyToId: inbound.id });
    expect(connector.calls.every((call) => call.headers.authorization === undefined)).toBe(true);
    expect(connector.conversation(DEFAULT_CONVERSATION_ID)).toEqual([
      expect.objectContaining({
        id: 'srv-1',
        updates: 1,
        activity: expect.objectContaining({ text: 'first, edited' }),
      }),
    ]);
  });

  it('decodes conversation ids that channels build with reserved characters', async () => {
    const { connector, host } = await setup(async (context) => {
      await context.sendActivity('in the thread');
    });
    const teamsThread = '19:abc@thread.tacv2;messageid=1700000000000';

    await host.post(
      createUserActivity(connector.serviceUrl, {
        text: 'hi',
        conversation: { id: teamsThread, isGroup: true, conversationType: 'channel', name: 'General' },
      }),
    );

    expect(connector.calls[0]?.path).toContain(encodeURIComponent(teamsThread));
    expect(connector.calls[0]?.conversationId).toBe(teamsThread);
    expect(connector.conversation(teamsThread)).toHaveLength(1);
  });

  it('serves proactive sends and new conversations', async () => {
    const { connector, host } = await setup(async () => undefined);
    const reference = createConversationReference(connector.serviceUrl);
    const sent: (string | undefined)[] = [];

    await host.adapter.continueConversationAsync('', reference, async (context) => {
      sent.push((await context.sendActivity('reminder'))?.id);
    });
    let created: string | undefined;
    await host.adapter.createConversationAsync(
      '',
      'webchat',
      connector.serviceUrl,
      '',
      { isGroup: false, bot: { ...DEFAULT_BOT }, members: [{ ...DEFAULT_USER }], channelData: {} },
      async (context) => {
        created = context.activity.conversation.id;
        sent.push((await context.sendActivity('welcome'))?.id);
      },
    );

    expect(sent).toEqual(['srv-1', 'srv-2']);
    expect(created).toBe('new-conversation-1');
    expect(connector.calls.map((call) => call.operation)).toEqual([
      'replyToActivity',
      'createConversation',
      'replyToActivity',
    ]);
    expect(connector.conversation('new-conversation-1').map((entry) => entry.activity.text)).toEqual([
      'welcome',
    ]);
  });

  it('stores the first message of a new conversation, which botbuilder posts outside any turn', async () => {
    const { connector, host } = await setup(async () => undefined);

    await host.adapter.createConversationAsync(
      '',
      'webchat',
      connector.serviceUrl,
      '',
      {
        isGroup: false,
        bot: { ...DEFAULT_BOT },
        members: [{ ...DEFAULT_USER }],
        channelData: {},
        // Activity types every field as required; a channel needs only these.
        activity: { type: 'message', text: 'Hello from the bot' } as Activity,
      },
      async () => undefined,
    );

    const [call] = connector.callsOf('createConversation');
    expect(call).toMatchObject({ conversationId: 'new-conversation-1', activityId: 'srv-1', status: 200 });
    expect(connector.conversation('new-conversation-1').map((entry) => entry.activity.text)).toEqual([
      'Hello from the bot',
    ]);
  });

  it('refuses scripted calls with a Bot Framework error the bot sees as a RestError', async () => {
    const { connector, host, turnErrors } = await setup(async (context) => {
      await context.sendActivity('will be refused');
    });
    connector.fail({
      operation: 'replyToActivity',
      status: 403,
      code: 'BotNotInConversationRoster',
      message: 'The bot is not part of the conversation roster.',
    });

    await host.post(createUserActivity(connector.serviceUrl, { text: 'hello' }));
    await host.post(createUserActivity(connector.serviceUrl, { text: 'again' }));

    expect(turnErrors).toHaveLength(1);
    expect(turnErrors[0]).toMatchObject({
      statusCode: 403,
      code: 'BotNotInConversationRoster',
      message: 'The bot is not part of the conversation roster.',
    });
    expect(connector.calls.map((call) => call.status)).toEqual([403, 200]);
    expect(connector.conversation(DEFAULT_CONVERSATION_ID)).toHaveLength(1);
  });

  it('answers routes it does not know with 404 and records them', async () => {
    const connector = await createFakeBotConnector();
    cleanups.push(() => connector.close());

    const response = await fetch(new URL('v3/conversations/c-1/members', connector.serviceUrl));

    expect(response.status).toBe(404);
    expect(connector.calls).toMatchObject([{ operation: 'unknown', method: 'GET', status: 404 }]);
  });

  it('resolves waitFor once enough calls arrived', async () => {
    const { connector, host } = await setup(async (context) => {
      await context.sendActivities([
        { type: 'message', text: 'one' },
        { type: 'message', text: 'two' },
      ]);
    });
    const waiting = connector.waitFor(2);

    await host.post(createUserActivity(connector.serviceUrl, { text: 'hello' }));

    expect((await waiting).map((call) => call.body?.text)).toEqual(['one', 'two']);
  });
});

describe('startBotHost', () => {
  it('answers bodies that are not JSON with 400 and never runs the bot', async () => {
    let turns = 0;
    const { host } = await setup(async () => {
      turns += 1;
    });

    const response = await fetch(host.url, { method: 'POST', body: '{not json' });

    expect(response.status).toBe(400);
    expect(turns).toBe(0);
  });

  it('lets the adapter refuse requests that are not POST', async () => {
    const { host } = await setup(async () => undefined);

    const response = await fetch(host.url);

    expect(response.status).toBe(405);
  });
});
