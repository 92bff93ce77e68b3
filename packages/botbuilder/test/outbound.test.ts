import {
  CardFactory,
  type ConversationReference,
  MessageFactory,
  TestAdapter,
  TurnContext,
} from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { RecordingTestAdapter, sink, summary } from './harness';

describe('what the bot sends', () => {
  it('reports the inbound message and every message sent, with the ids the channel returned', async () => {
    const { hooks, events } = await sink();
    const adapter = new RecordingTestAdapter(async (context) => {
      await context.sendActivity('one');
      await context.sendActivities([
        { type: 'typing' },
        { type: 'message', text: 'two' },
        { type: 'trace', name: 'debug', value: {} },
        { type: 'delay', value: 1 },
        MessageFactory.attachment(CardFactory.heroCard('Order #42', 'Two items', [], ['Track'])),
      ]);
    });
    attachWebhooks(adapter, hooks);

    await adapter
      .send('hello')
      .assertReply('one')
      .assertReply({ type: 'typing' })
      .assertReply('two')
      .startTest();

    const received = await events();
    expect(received.map(summary)).toEqual([
      'message.received hello',
      'message.sent one',
      'message.sent two',
      'message.sent',
    ]);
    const channelIds = adapter.returned.flat().map((response) => response.id);
    expect(received.slice(1).map((event) => event.data.message.id)).toEqual([
      channelIds[0],
      channelIds[2],
      channelIds[5],
    ]);
    expect(received[0]?.data).toMatchObject({
      platform: 'botframework',
      direction: 'inbound',
      channel: 'test',
      bot: { id: 'bot', name: 'Bot' },
      user: { id: 'user1', name: 'User1' },
      conversation: { id: 'Convo1' },
      message: { id: '0', text: 'hello', attachments: [] },
    });
    expect(received[1]?.data).toMatchObject({
      direction: 'outbound',
      bot: { id: 'bot' },
      user: { id: 'user1' },
      message: { replyToId: '0' },
    });
    expect(received[3]?.data.message.attachments).toEqual([
      {
        type: 'card',
        contentType: 'application/vnd.microsoft.card.hero',
        title: 'Order #42',
        summary: 'Two items',
      },
    ]);
  });

  it('reports typing indicators when includeTyping is on', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivities([{ type: 'typing' }, { type: 'message', text: 'done' }]);
    });
    attachWebhooks(adapter, hooks, { includeTyping: true });

    await adapter.send('hi').assertReply({ type: 'typing' }).assertReply('done').startTest();

    const received = await events();
    expect(received.map(summary)).toEqual(['message.received hi', 'message.sent', 'message.sent done']);
    expect(received[1]?.data.message.action).toEqual({ kind: 'typing' });
  });

  it('returns what the channel returned, unchanged', async () => {
    const { hooks } = await sink();
    const results: unknown[] = [];
    const adapter = new RecordingTestAdapter(async (context) => {
      const sent = await context.sendActivity('first');
      const many = await context.sendActivities([{ text: 'a' }, { text: 'b' }]);
      results.push(sent, many, await context.updateActivity({ id: sent?.id, text: 'changed' }));
      results.push(await context.deleteActivity(sent?.id ?? ''));
    });
    attachWebhooks(adapter, hooks);

    await adapter.send('go').startTest();

    const [first, many] = adapter.returned;
    expect(results[0]).toBe(first?.[0]);
    expect(results[1]).toBe(many);
    expect(results[2]).toEqual({ id: first?.[0]?.id });
    expect(results[3]).toBeUndefined();
  });

  it('reports updates and deletes with the id of the message', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      const sent = await context.sendActivity('draft');
      await context.updateActivity({ id: sent?.id, type: 'message', text: 'final' });
      await context.deleteActivity(sent?.id ?? '');
    });
    attachWebhooks(adapter, hooks);

    await adapter.send('go').startTest();

    const received = await events();
    expect(received.map(summary)).toEqual([
      'message.received go',
      'message.sent draft',
      'message.edited final',
      'message.deleted',
    ]);
    const id = received[1]?.data.message.id;
    expect(received[2]?.data).toMatchObject({
      direction: 'outbound',
      message: { id },
      user: { id: 'user1' },
    });
    expect(received[3]?.data).toMatchObject({
      direction: 'outbound',
      message: { id },
      bot: { id: 'bot' },
      user: { id: 'user1' },
      conversation: { id: 'Convo1' },
    });
  });

  it("keeps the turn's events when the bot throws, and the error still reaches onTurnError", async () => {
    const { hooks, events } = await sink();
    const failure = new Error('handler crashed');
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('working on it');
      throw failure;
    });
    const turnErrors: unknown[] = [];
    adapter.onTurnError = async (context, error) => {
      turnErrors.push(error);
      await context.sendActivity('Sorry, something went wrong.');
    };
    attachWebhooks(adapter, hooks);

    await adapter
      .send('crash')
      .assertReply('working on it')
      .assertReply('Sorry, something went wrong.')
      .startTest();

    expect(turnErrors).toEqual([failure]);
    expect(turnErrors[0]).toBe(failure);
    expect((await events()).map(summary)).toEqual([
      'message.received crash',
      'message.sent working on it',
      'message.sent Sorry, something went wrong.',
    ]);
  });

  it("passes the channel's refusal on unchanged, and reports it only when message.failed is asked for", async () => {
    const { hooks, events } = await sink();
    const refusal = Object.assign(new Error('The bot is not part of the conversation roster.'), {
      statusCode: 403,
      code: 'BotNotInConversationRoster',
    });
    const adapter = new RecordingTestAdapter(async (context) => {
      await context.sendActivity('will be refused');
    });
    adapter.refuseSends = refusal;
    const turnErrors: unknown[] = [];
    adapter.onTurnError = async (_context, error) => {
      turnErrors.push(error);
    };
    const detach = attachWebhooks(adapter, hooks);

    await adapter.send('first').startTest();
    detach();
    attachWebhooks(adapter, hooks, { events: ['message.received', 'message.sent', 'message.failed'] });
    await adapter.send('second').startTest();

    expect(turnErrors).toEqual([refusal, refusal]);
    const received = await events();
    expect(received.map(summary)).toEqual([
      'message.received first',
      'message.received second',
      'message.failed will be refused',
    ]);
    expect(received[2]?.data.error).toEqual({
      operation: 'send',
      code: 'FORBIDDEN',
      message: 'The bot is not part of the conversation roster.',
      status: 403,
      platformCode: 'BotNotInConversationRoster',
    });
  });

  it('sees what middleware registered before and after it sends, even when it ends the turn early', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('from the bot');
    });
    adapter.use(async (context, next) => {
      if (context.activity.text === 'stop') {
        await context.sendActivity('stopped by early middleware');
        return;
      }
      await context.sendActivity('early middleware');
      await next();
    });
    attachWebhooks(adapter, hooks);
    adapter.use(async (context, next) => {
      await next();
      await context.sendActivity('late middleware');
    });

    await adapter.send('go').startTest();
    await adapter.send('stop').startTest();

    expect((await events()).map(summary)).toEqual([
      'message.received go',
      'message.sent early middleware',
      'message.sent from the bot',
      'message.sent late middleware',
      'message.received stop',
      'message.sent stopped by early middleware',
    ]);
  });

  it('reports proactive sends with a conversation reference and no reply target', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async () => undefined);
    attachWebhooks(adapter, hooks);
    const reference: Partial<ConversationReference> = {
      channelId: 'test',
      conversation: { id: 'Convo1', isGroup: false, conversationType: 'personal', name: '' },
      user: { id: 'user1', name: 'User1' },
      bot: { id: 'bot', name: 'Bot' },
    };

    await adapter.processActivity(
      TurnContext.applyConversationReference(
        { type: 'event', name: 'ContinueConversation' },
        reference,
        true,
      ),
      async (context) => {
        await context.sendActivity('your order shipped');
      },
    );

    const received = await events();
    expect(received.map(summary)).toEqual(['message.sent your order shipped']);
    expect(received[0]?.data).toMatchObject({ user: { id: 'user1' }, bot: { id: 'bot' } });
  });
});
