import { readFileSync } from 'node:fs';
import { createUserActivity, DEFAULT_BOT, DEFAULT_USER } from '@bothooks/testkit/botbuilder';
import { TestAdapter } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { type ActivityInput, activityToMessageData, attachWebhooks } from '../src/index';
import { cloudSetup, RECORDED_ACTIVITIES, sink, summary } from './harness';

describe('inbound activities', () => {
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
});

describe('inbound activities through a real CloudAdapter', () => {
  it('skips the synthetic event of createConversationAsync and reports what the new turn sends', async () => {
    const { sink, connector, host } = await cloudSetup();

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
    const { sink, connector, host } = await cloudSetup();
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
    const recorded: ActivityInput = JSON.parse(
      readFileSync(new URL(`${name}.json`, RECORDED_ACTIVITIES), 'utf8'),
    );
    const activity = { ...recorded, serviceUrl: connector.serviceUrl };

    expect((await host.post(activity)).status).toBe(200);

    const [inbound] = await sink.events();
    expect(inbound?.data).toEqual(activityToMessageData(activity, { direction: 'inbound' }));
    expect(inbound?.timestamp).toBe(new Date(String(recorded.timestamp)).toISOString());
  });
});
