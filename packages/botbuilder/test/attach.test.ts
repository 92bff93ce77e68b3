import {
  type Activity,
  ActivityHandler,
  CardFactory,
  type ConversationReference,
  MessageFactory,
  type MiddlewareSet,
  type ResourceResponse,
  TestAdapter,
  TurnContext,
} from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { attachWebhooks, tagInteraction, webhookMiddleware } from '../src/index';
import { createSink, type Envelope, type Sink, summary } from './support/sink';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sink(): Promise<Sink> {
  const created = await createSink();
  cleanups.push(() => created.close());
  return created;
}

/** A TestAdapter whose channel calls can be made to fail, and which remembers what it returned. */
class RecordingTestAdapter extends TestAdapter {
  readonly returned: ResourceResponse[][] = [];
  refuseSends: Error | undefined;

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    if (this.refuseSends) throw this.refuseSends;
    const responses = await super.sendActivities(context, activities);
    this.returned.push(responses);
    return responses;
  }
}

function pipelineOf(adapter: TestAdapter): MiddlewareSet {
  return (adapter as unknown as { middleware: MiddlewareSet }).middleware;
}

describe('attachWebhooks with a TestAdapter', () => {
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

  it('reports messageUpdate and messageDelete activities from the user as edits and deletes', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async () => undefined);
    attachWebhooks(adapter, hooks);

    await adapter.processActivity({ type: 'messageUpdate', id: 'user-message-7', text: 'fixed typo' });
    await adapter.processActivity({ type: 'messageDelete', id: 'user-message-7' });
    await adapter.processActivity({
      type: 'conversationUpdate',
      membersAdded: [{ id: 'user1', name: 'User1' }],
    });
    await adapter.processActivity({ type: 'messageReaction', reactionsAdded: [{ type: 'like' }] });

    const received = await events();
    expect(received.map(summary)).toEqual(['message.edited fixed typo', 'message.deleted']);
    expect(received.map((event) => [event.data.direction, event.data.message.id])).toEqual([
      ['inbound', 'user-message-7'],
      ['inbound', 'user-message-7'],
    ]);
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
      message: 'The bot is not part of the conversation roster.',
      code: 'BotNotInConversationRoster',
      status: 403,
    });
  });

  it('does not report the synthetic events of proactive turns', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity(`proactive after ${context.activity.name}`);
    });
    attachWebhooks(adapter, hooks);

    await adapter.processActivity({ type: 'event', name: 'ContinueConversation', id: 'synthetic-1' });
    await adapter.processActivity({ type: 'event', name: 'CreateConversation', id: 'synthetic-2' });
    await adapter.processActivity({ type: 'event', name: 'continueConversation', id: 'synthetic-3' });

    const received = await events();
    expect(received.map(summary)).toEqual([
      'message.sent proactive after ContinueConversation',
      'message.sent proactive after CreateConversation',
      'message.sent proactive after continueConversation',
    ]);
    expect(received.every((event) => event.data.message.replyToId === undefined)).toBe(true);
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

  it('reports each message once when attachWebhooks and webhookMiddleware share the Webhooks', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('once');
    });
    adapter.use(webhookMiddleware(hooks));
    attachWebhooks(adapter, hooks);
    attachWebhooks(adapter, hooks);

    await adapter.send('hi').startTest();

    expect((await events()).map(summary)).toEqual(['message.received hi', 'message.sent once']);
  });

  it('sees sends made through contexts cloned from the turn, as dialogs and skills do', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      const child = new TurnContext(context);
      tagInteraction(child, 'support');
      await child.sendActivity('from a component');
    });
    attachWebhooks(adapter, hooks);

    await adapter.send('help').startTest();

    const received = await events();
    expect(received.map(summary)).toEqual(['message.received help', 'message.sent from a component']);
    expect(received[1]?.data.interaction).toBe('support');
  });

  it('keeps the interaction of each turn to itself when turns overlap', async () => {
    const { hooks, events } = await sink();
    let releaseTagged: () => void = () => undefined;
    const taggedWaits = new Promise<void>((resolve) => {
      releaseTagged = resolve;
    });
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      if (context.activity.text === 'order') {
        tagInteraction(context, 'order');
        await taggedWaits;
      }
      await context.sendActivity(`answer to ${context.activity.text}`);
      await next();
    });
    const adapter = new TestAdapter((context) => bot.run(context));
    attachWebhooks(adapter, hooks);

    const tagged = adapter.processActivity({ type: 'message', text: 'order' });
    await adapter.processActivity({ type: 'message', text: 'other' });
    releaseTagged();
    await tagged;

    const byText = new Map((await events()).map((event): [string, Envelope] => [summary(event), event]));
    expect(byText.get('message.sent answer to other')?.data.interaction).toBeUndefined();
    expect(byText.get('message.received other')?.data.interaction).toBeUndefined();
    expect(byText.get('message.sent answer to order')?.data.interaction).toBe('order');
  });

  it('applies includeText and attributes to every event', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity(MessageFactory.attachment(CardFactory.heroCard('Secret plan', 'details')));
    });
    attachWebhooks(adapter, hooks, {
      includeText: false,
      attributes: (context) => ({ plan: context.activity.from.name === 'User1' ? 'pro' : 'free' }),
    });

    await adapter.send('my password is hunter2').startTest();

    const received = await events();
    expect(received.map((event) => event.type)).toEqual(['message.received', 'message.sent']);
    expect(JSON.stringify(received)).not.toContain('hunter2');
    expect(JSON.stringify(received)).not.toContain('Secret plan');
    expect(received[1]?.data.message.attachments).toEqual([
      { type: 'card', contentType: 'application/vnd.microsoft.card.hero' },
    ]);
    expect(received.map((event) => event.data.attributes)).toEqual([{ plan: 'pro' }, { plan: 'pro' }]);
  });

  it('publishes only the configured event types', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      const sent = await context.sendActivity('draft');
      await context.updateActivity({ id: sent?.id, text: 'final' });
    });
    attachWebhooks(adapter, hooks, { events: ['message.edited'] });

    await adapter.send('go').startTest();

    expect((await events()).map(summary)).toEqual(['message.edited final']);
  });

  it('never lets its own faults reach the bot', async () => {
    const { hooks, events, errors } = await sink();
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('still answering');
    });
    const turnErrors: unknown[] = [];
    adapter.onTurnError = async (_context, error) => {
      turnErrors.push(error);
    };
    attachWebhooks(adapter, hooks, {
      attributes: () => {
        throw new Error('attributes bug');
      },
    });

    await adapter.send('hi').assertReply('still answering').startTest();

    expect(turnErrors).toEqual([]);
    expect((await events()).map(summary)).toEqual(['message.received hi', 'message.sent still answering']);
    expect(errors.map((error) => error.code)).toEqual(['ATTRIBUTES_FAILED', 'ATTRIBUTES_FAILED']);
  });

  it('keeps the bot working after the Webhooks are closed', async () => {
    const { hooks } = await sink();
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('still here');
    });
    attachWebhooks(adapter, hooks);
    await hooks.close();

    await adapter.send('hi').assertReply('still here').startTest();
  });

  it('detach() stops publishing and gives the pipeline back as it was; calling it twice is harmless', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('reply');
    });
    const pipeline = pipelineOf(adapter);
    const detach = attachWebhooks(adapter, hooks);
    expect(Object.hasOwn(pipeline, 'run')).toBe(true);

    await adapter.send('before').startTest();
    detach();
    detach();
    await adapter.send('after').startTest();

    expect(Object.hasOwn(pipeline, 'run')).toBe(false);
    expect((await events()).map(summary)).toEqual(['message.received before', 'message.sent reply']);
  });

  it('detach() keeps a wrapper added after it working and only goes quiet itself', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('reply');
    });
    const pipeline = pipelineOf(adapter);
    const detach = attachWebhooks(adapter, hooks);
    const ours = pipeline.run;
    let wrapperRuns = 0;
    pipeline.run = function (this: MiddlewareSet, context, next) {
      wrapperRuns += 1;
      return ours.call(this, context, next);
    };

    detach();
    await adapter.send('after').assertReply('reply').startTest();

    expect(wrapperRuns).toBe(1);
    expect(await events()).toEqual([]);
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
