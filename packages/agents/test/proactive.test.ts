import { createAgentConversationReference, createUserActivity } from '@bothooks/testkit/agents';
import { describe, expect, it } from 'vitest';
import { tagInteraction } from '../src/index';
import { cloudSetup, summary } from './harness';

describe('proactive messages', () => {
  it('reports continueConversation sends, with no reply target and the user as the other side', async () => {
    const { sink, connector, host } = await cloudSetup();
    const reference = createAgentConversationReference(connector.serviceUrl);

    await host.adapter.continueConversation('agent-app-id', reference, async (context) => {
      await context.sendActivity('Reminder: your order arrives today.');
      await context.sendActivity('Reply STOP to unsubscribe.');
    });

    const events = await sink.events();
    expect(events.map(summary)).toEqual([
      'message.sent Reminder: your order arrives today.',
      'message.sent Reply STOP to unsubscribe.',
    ]);
    expect(events.map((event) => event.data.message.id)).toEqual(
      connector.calls.map((call) => call.activityId),
    );
    for (const event of events) {
      expect(event.data).toMatchObject({
        direction: 'outbound',
        channel: 'webchat',
        bot: { id: 'bot-1' },
        user: { id: 'user-1' },
      });
      expect(event.data.message.replyToId).toBeUndefined();
    }
  });

  it('reports sendProactiveActivity and lets a proactive turn be tagged', async () => {
    const { sink, connector, host, agent } = await cloudSetup();
    const reference = createAgentConversationReference(connector.serviceUrl);

    await host.adapter.continueConversation('agent-app-id', reference, async (context) => {
      tagInteraction(context, 'shipping');
      await context.sendActivity('Your parcel is out for delivery.');
    });
    await agent.sendProactiveActivity('agent-app-id', reference, 'Delivered.');

    const events = await sink.events();
    expect(events.map((event) => [summary(event), event.data.interaction])).toEqual([
      ['message.sent Your parcel is out for delivery.', 'shipping'],
      ['message.sent Delivered.', undefined],
    ]);
  });

  it('reports what a long-running message sends in its continuation turn, and not the continuation itself', async () => {
    const { sink, connector, host } = await cloudSetup(undefined, undefined, { longRunningMessages: true });

    await host.post(createUserActivity(connector.serviceUrl, { text: 'hello' }));
    // The reply is sent in a continuation turn the SDK starts after answering the channel.
    await sink.receiver.waitFor(2);

    expect((await sink.events()).map(summary)).toEqual([
      'message.received hello',
      'message.sent You said: hello',
    ]);
  });
});
