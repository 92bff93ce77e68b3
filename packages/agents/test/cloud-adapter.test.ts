import {
  createAgentConversationReference,
  createUserActivity,
  DEFAULT_BOT,
  DEFAULT_CONVERSATION_ID,
  DEFAULT_USER,
} from '@bothooks/testkit/agents';
import { describe, expect, it } from 'vitest';
import { cloudSetup, type Envelope, summary } from './harness';

describe('attachWebhooks with the real Agents SDK CloudAdapter and a Bot Connector', () => {
  it('delivers replies, edits, deletes and proactive sends, signed, with the ids the connector assigned', async () => {
    const { sink, connector, host, agent } = await cloudSetup();

    const inbound = createUserActivity(connector.serviceUrl, { text: 'hello' });
    const first = await host.post(inbound);
    expect(first.status).toBe(200);
    expect((await host.post(createUserActivity(connector.serviceUrl, { text: 'status' }))).status).toBe(200);
    expect((await host.post(createUserActivity(connector.serviceUrl, { text: 'oops' }))).status).toBe(200);
    await host.adapter.continueConversation(
      'agent-app-id',
      agent.reference ?? createAgentConversationReference(connector.serviceUrl),
      async (context) => {
        await context.sendActivity('Reminder: your order arrives today.');
      },
    );

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
      .filter((call) => call.operation === 'replyToActivity' || call.operation === 'sendToConversation')
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
      channel: 'webchat',
      bot: { id: DEFAULT_BOT.id },
      user: { id: DEFAULT_USER.id },
      message: { replyToId: inbound.id },
    });
    const proactive = events[8]?.data;
    expect(proactive).toMatchObject({
      direction: 'outbound',
      channel: 'webchat',
      user: { id: DEFAULT_USER.id },
    });
    expect(proactive?.message.replyToId).toBeUndefined();
  });
});
