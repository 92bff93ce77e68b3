import { readFileSync } from 'node:fs';
import { createUserActivity, DEFAULT_BOT, DEFAULT_USER } from '@bothooks/testkit/agents';
import { describe, expect, it } from 'vitest';
import { type ActivityInput, activityToMessageData, attachWebhooks } from '../src/index';
import { cloudSetup, hostSetup, RECORDED_ACTIVITIES, summary } from './harness';

describe('inbound activities', () => {
  it('reports messageUpdate and messageDelete activities as edits and deletes, and no other activity', async () => {
    const { sink, host, say } = await hostSetup(async () => undefined);
    attachWebhooks(host.adapter, sink.hooks);

    await say('fixed typo', { type: 'messageUpdate', id: 'user-message-7' });
    await say('', { type: 'messageDelete', id: 'user-message-7', text: undefined });
    await say('', {
      type: 'conversationUpdate',
      text: undefined,
      membersAdded: [{ id: 'user-2', name: 'Bo' }],
    });
    await say('', { type: 'messageReaction', text: undefined, reactionsAdded: [{ type: 'like' }] });
    await say('', { type: 'event', name: 'webchat/join', text: undefined });

    const events = await sink.events();
    expect(events.map(summary)).toEqual(['message.edited fixed typo', 'message.deleted']);
    expect(events.map((event) => [event.data.direction, event.data.message.id])).toEqual([
      ['inbound', 'user-message-7'],
      ['inbound', 'user-message-7'],
    ]);
  });

  it('skips the synthetic event of createConversationAsync and reports what the new turn sends', async () => {
    const { sink, connector, host } = await cloudSetup();

    await host.adapter.createConversationAsync(
      'agent-app-id',
      'webchat',
      connector.serviceUrl,
      'https://api.botframework.com',
      { isGroup: false, agent: { ...DEFAULT_BOT }, members: [{ ...DEFAULT_USER }], channelData: {} } as never,
      async (context) => {
        await context.sendActivity('Welcome to your new conversation');
      },
    );

    const events = await sink.events();
    expect(events.map(summary)).toEqual(['message.sent Welcome to your new conversation']);
    expect(events[0]?.data.conversation.id).toBe('new-conversation-1');
    // The SDK replies to the synthetic event; the event says the message replies to nothing anyone saw.
    expect(connector.callsOf('replyToActivity')[0]?.replyToId).toBe('new-conversation-1');
    expect(events[0]?.data.message.id).toBe(connector.callsOf('replyToActivity')[0]?.activityId);
    expect(events[0]?.data.message.replyToId).toBeUndefined();
  });

  it('maps a Teams channel message in a reply chain, with the tenant, and without the text/html copy', async () => {
    const { sink, connector, host } = await cloudSetup();
    const thread = '19:2fb1c9d2e3f4@thread.tacv2;messageid=1700000000001';

    await host.post(
      createUserActivity(connector.serviceUrl, {
        channelId: 'msteams',
        text: '<at>Shop Agent</at> hello',
        conversation: {
          id: thread,
          isGroup: true,
          conversationType: 'channel',
          tenantId: 'tenant-1',
          name: 'Orders',
        },
        attachments: [{ contentType: 'text/html', content: '<div><at>Shop Agent</at> hello</div>' }],
      }),
    );

    const events = await sink.events();
    const conversation = {
      id: thread,
      type: 'channel',
      name: 'Orders',
      isGroup: true,
      threadId: '1700000000001',
      tenantId: 'tenant-1',
    };
    expect(events.map((event) => event.data.conversation)).toEqual([conversation, conversation]);
    expect(events[0]?.data.message.attachments).toEqual([]);
    expect(events.map((event) => event.data.channel)).toEqual(['msteams', 'msteams']);
    expect(connector.callsOf('replyToActivity')[0]?.conversationId).toBe(thread);
  });

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
    const { sink, connector, host } = await cloudSetup();
    // The SDK's own validation answers 500 to explicit nulls (`"text": null` in the Teams upload), which
    // botbuilder accepts: the recordings are posted as the SDK takes them.
    const recorded: ActivityInput = JSON.parse(
      readFileSync(new URL(`${name}.json`, RECORDED_ACTIVITIES), 'utf8'),
      (_key, value) => (value === null ? undefined : value),
    );
    const activity = { ...recorded, serviceUrl: connector.serviceUrl };

    expect((await host.post(activity)).status).toBe(200);

    const [inbound] = await sink.events();
    expect(inbound?.data).toEqual(activityToMessageData(activity, { direction: 'inbound' }));
    expect(inbound?.timestamp).toBe(new Date(String(recorded.timestamp)).toISOString());
  });
});
