import { createUserActivity } from '@bothooks/testkit/agents';
import { AgentApplication, type TurnState } from '@microsoft/agents-hosting';
import { describe, expect, it } from 'vitest';
import { type AgentsWebhooksOptions, attachWebhooks, webhookMiddleware } from '../src/index';
import { hostSetup, message, summary } from './harness';

const PAUSE_MS = 150;

/** An agent whose typing timer fires once before its slow route answers. */
async function typingSetup(options: AgentsWebhooksOptions, how: 'attach' | 'middleware' = 'attach') {
  const agent = new AgentApplication<TurnState>({
    startTypingTimer: true,
    typing: { initialDelayMs: 20, intervalMs: 10_000 },
  });
  agent.onMessage('slow', async (context) => {
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    await context.sendActivity('Here is your answer.');
  });
  agent.onMessage('typing', async (context) => {
    await context.sendActivity(message({ type: 'typing' }));
  });
  const setup = await hostSetup((context) => agent.run(context), undefined, agent.adapter);
  if (how === 'middleware') setup.host.adapter.use(webhookMiddleware(setup.sink.hooks, options));
  else attachWebhooks(agent, setup.sink.hooks, options);
  return setup;
}

describe("AgentApplication's typing timer", () => {
  it('with includeTyping, reports the indicators the timer sends past the turn context, once each', async () => {
    const { sink, connector, host } = await typingSetup({ includeTyping: true });

    await host.post(createUserActivity(connector.serviceUrl, { text: 'slow' }));

    expect(connector.calls.map((call) => call.body?.type)).toEqual(['typing', 'message']);
    const events = await sink.events();
    expect(events.map(summary)).toEqual([
      'message.received slow',
      'message.sent',
      'message.sent Here is your answer.',
    ]);
    expect(events[1]?.data.message).toMatchObject({
      id: connector.calls[0]?.activityId,
      action: { kind: 'typing' },
    });
    expect(events[1]?.data).toMatchObject({
      direction: 'outbound',
      channel: 'webchat',
      user: { id: 'user-1' },
    });
  });

  it('with includeTyping, reports a typing indicator sent through the context once, not again at the adapter', async () => {
    const { sink, connector, host } = await typingSetup({ includeTyping: true });

    await host.post(createUserActivity(connector.serviceUrl, { text: 'typing' }));

    expect((await sink.events()).map(summary)).toEqual(['message.received typing', 'message.sent']);
  });

  it('reports no typing indicator by default', async () => {
    const { sink, connector, host } = await typingSetup({});

    await host.post(createUserActivity(connector.serviceUrl, { text: 'slow' }));

    expect(connector.calls.map((call) => call.body?.type)).toEqual(['typing', 'message']);
    expect((await sink.events()).map(summary)).toEqual([
      'message.received slow',
      'message.sent Here is your answer.',
    ]);
  });

  it("through webhookMiddleware, cannot see the timer's indicators, which never pass a turn context", async () => {
    const { sink, connector, host } = await typingSetup({ includeTyping: true }, 'middleware');

    await host.post(createUserActivity(connector.serviceUrl, { text: 'slow' }));

    expect(connector.calls.map((call) => call.body?.type)).toEqual(['typing', 'message']);
    expect((await sink.events()).map(summary)).toEqual([
      'message.received slow',
      'message.sent Here is your answer.',
    ]);
  });
});
