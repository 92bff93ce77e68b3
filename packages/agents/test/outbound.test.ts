import { createUserActivity, DEFAULT_CONVERSATION_ID } from '@bothooks/testkit/agents';
import { CardFactory, CloudAdapter, MessageFactory } from '@microsoft/agents-hosting';
import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { cloudSetup, hostSetup, message, summary } from './harness';

describe('what the agent sends', () => {
  it('reports every message sent, with the ids the connector returned, and skips typing, trace and delay', async () => {
    const { sink, connector, host, say } = await hostSetup(async (context) => {
      await context.sendActivity('one');
      await context.sendActivities([
        message({ type: 'typing' }),
        message({ text: 'two' }),
        message({ type: 'trace', name: 'debug', value: {} }),
        message({ type: 'delay', value: 1 }),
        MessageFactory.attachment(CardFactory.heroCard('Order #42', 'Two items', [], ['Track'])),
      ]);
    });
    attachWebhooks(host.adapter, sink.hooks);

    await say('hello');

    const events = await sink.events();
    expect(events.map(summary)).toEqual([
      'message.received hello',
      'message.sent one',
      'message.sent two',
      'message.sent',
    ]);
    const ids = connector.callsOf('replyToActivity').map((call) => call.activityId);
    // The typing indicator (srv-2) and the delay (srv-4) went to the channel too, unreported; the trace never does.
    expect(ids).toEqual(['srv-1', 'srv-2', 'srv-3', 'srv-4', 'srv-5']);
    expect(events.slice(1).map((event) => event.data.message.id)).toEqual(['srv-1', 'srv-3', 'srv-5']);
    expect(events[3]?.data.message.attachments).toEqual([
      {
        type: 'card',
        contentType: 'application/vnd.microsoft.card.hero',
        title: 'Order #42',
        summary: 'Two items',
      },
    ]);
  });

  it('returns what the channel returned, unchanged', async () => {
    const results: unknown[] = [];
    const { sink, host, say } = await hostSetup(async (context) => {
      const sent = await context.sendActivity('first');
      const many = await context.sendActivities([message({ text: 'a' }), message({ text: 'b' })]);
      results.push(sent, many, await context.updateActivity(message({ id: sent?.id, text: 'changed' })));
      results.push(await context.deleteActivity(sent?.id ?? ''));
    });
    attachWebhooks(host.adapter, sink.hooks);

    await say('go');

    expect(results).toEqual([{ id: 'srv-1' }, [{ id: 'srv-2' }, { id: 'srv-3' }], undefined, undefined]);
  });

  it('reports updates and deletes with the id of the message and both sides of the conversation', async () => {
    const { sink, host, say } = await hostSetup(async (context) => {
      const sent = await context.sendActivity('draft');
      await context.updateActivity(message({ id: sent?.id, text: 'final' }));
      await context.deleteActivity(sent?.id ?? '');
    });
    attachWebhooks(host.adapter, sink.hooks);

    await say('go');

    const events = await sink.events();
    expect(events.map(summary)).toEqual([
      'message.received go',
      'message.sent draft',
      'message.edited final',
      'message.deleted',
    ]);
    for (const event of events.slice(2)) {
      expect(event.data).toMatchObject({
        direction: 'outbound',
        channel: 'webchat',
        message: { id: 'srv-1' },
        bot: { id: 'bot-1' },
        user: { id: 'user-1' },
        conversation: { id: DEFAULT_CONVERSATION_ID },
      });
    }
  });

  it("reports the SDK's default onTurnError messages and everything before the throw; the trace stays out", async () => {
    const { sink, connector, host, say } = await hostSetup(async (context) => {
      await context.sendActivity('Let me look…');
      throw new Error('order service unavailable');
    });
    // The CloudAdapter's own onTurnError: a trace activity and two messages.
    host.adapter.onTurnError = new CloudAdapter().onTurnError;
    attachWebhooks(host.adapter, sink.hooks);

    expect((await say('crash')).status).toBe(200);

    expect((await sink.events()).map(summary)).toEqual([
      'message.received crash',
      'message.sent Let me look…',
      'message.sent The agent encountered an error or bug.',
      'message.sent To continue to run this agent, please fix the source code.',
    ]);
    expect(connector.conversation(DEFAULT_CONVERSATION_ID)).toHaveLength(3);
  });

  it("reports a send the connector refused as message.failed when asked, with the channel's own code", async () => {
    const { sink, connector, host, turnErrors } = await cloudSetup({
      events: ['message.received', 'message.sent', 'message.failed'],
    });
    connector.fail({
      operation: 'replyToActivity',
      status: 403,
      code: 'BotNotInConversationRoster',
      message: 'Not in roster',
    });

    await host.post(createUserActivity(connector.serviceUrl, { text: 'hello' }));

    expect(turnErrors).toEqual([expect.objectContaining({ name: 'HttpError', status: 403 })]);
    const events = await sink.events();
    expect(events.map(summary)).toEqual([
      'message.received hello',
      'message.failed You said: hello',
      'message.sent Sorry, something went wrong.',
    ]);
    expect(events[1]?.data.error).toEqual({
      operation: 'send',
      code: 'FORBIDDEN',
      message: 'Not in roster',
      status: 403,
      platformCode: 'BotNotInConversationRoster',
    });
  });

  it('reports an edit and a delete the connector refused, and passes the errors on', async () => {
    const { sink, connector, host, turnErrors } = await cloudSetup({
      events: ['message.sent', 'message.edited', 'message.deleted', 'message.failed'],
    });
    connector.fail({ operation: 'updateActivity', status: 400, code: 'BadArgument', message: 'Cannot edit' });
    connector.fail({ operation: 'deleteActivity', status: 404, code: 'NotFound', message: 'Already gone' });

    await host.post(createUserActivity(connector.serviceUrl, { text: 'status' }));
    await host.post(createUserActivity(connector.serviceUrl, { text: 'oops' }));

    expect(turnErrors.map((error) => (error as { status?: number }).status)).toEqual([400, 404]);
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
    expect(events[1]?.data.error).toMatchObject({
      operation: 'edit',
      code: 'BAD_REQUEST',
      message: 'Cannot edit',
      status: 400,
      platformCode: 'BadArgument',
    });
    expect(events[4]?.data.error).toMatchObject({ operation: 'delete', code: 'NOT_FOUND', status: 404 });
  });

  it('sees what middleware registered before and after it sends, even when it ends the turn early', async () => {
    const { sink, host, say } = await hostSetup(async (context) => {
      await context.sendActivity('from the agent');
    });
    host.adapter.use(async (context, next) => {
      if (context.activity.text === 'stop') {
        await context.sendActivity('stopped by early middleware');
        return;
      }
      await context.sendActivity('early middleware');
      await next();
    });
    attachWebhooks(host.adapter, sink.hooks);
    host.adapter.use(async (context, next) => {
      await next();
      await context.sendActivity('late middleware');
    });

    await say('go');
    await say('stop');

    expect((await sink.events()).map(summary)).toEqual([
      'message.received go',
      'message.sent early middleware',
      'message.sent from the agent',
      'message.sent late middleware',
      'message.received stop',
      'message.sent stopped by early middleware',
    ]);
  });

  it('reports the replies of an expectReplies turn, which travel back in the HTTP answer', async () => {
    const { sink, connector, host, say } = await hostSetup(async (context) => {
      await context.sendActivity('in the answer');
    });
    attachWebhooks(host.adapter, sink.hooks);

    const answer = await say('hi', { deliveryMode: 'expectReplies' });

    expect(JSON.parse(answer.body).activities).toEqual([expect.objectContaining({ text: 'in the answer' })]);
    expect(connector.calls).toEqual([]);
    const events = await sink.events();
    expect(events.map(summary)).toEqual(['message.received hi', 'message.sent in the answer']);
    expect(events[1]?.data.message.id).toBeUndefined();
  });
});
