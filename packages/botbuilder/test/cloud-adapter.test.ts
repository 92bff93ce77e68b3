import {
  createUserActivity,
  DEFAULT_BOT,
  DEFAULT_CONVERSATION_ID,
  DEFAULT_USER,
} from '@bothooks/testkit/botbuilder';
import { describe, expect, it } from 'vitest';
import { cloudSetup, type Envelope, summary } from './harness';

describe('attachWebhooks with a real CloudAdapter and a Bot Connector', () => {
  it('delivers replies, edits, deletes and proactive sends, signed, with the ids the connector assigned', async () => {
    const { sink, connector, host, bot } = await cloudSetup();

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
    const { sink, connector, host, turnErrors } = await cloudSetup();

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
      code: 'BAD_REQUEST',
      message: 'Cannot edit',
      status: 400,
      platformCode: 'BadArgument',
    });
    expect(events[4]?.data.message.id).toBe(events[3]?.data.message.id);
    expect(events[4]?.data.error).toMatchObject({
      operation: 'delete',
      code: 'NOT_FOUND',
      status: 404,
      platformCode: 'NotFound',
    });
  });
});
