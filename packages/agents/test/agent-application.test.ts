import { createUserActivity } from '@bothooks/testkit/agents';
import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { cloudSetup, sink as extraSink, summary } from './harness';

describe('an AgentApplication', () => {
  it('reports every route, edits and deletes, and activities no route matched', async () => {
    const { sink, connector, host } = await cloudSetup();

    for (const text of ['hello', 'status', 'oops']) {
      await host.post(createUserActivity(connector.serviceUrl, { text }));
    }
    // No route handles reactions: AgentApplication returns before its beforeTurn handlers, bothooks still ran.
    await host.post(
      createUserActivity(connector.serviceUrl, {
        type: 'messageUpdate',
        id: 'user-9',
        text: 'edited by the user',
      }),
    );

    expect((await sink.events()).map(summary)).toEqual([
      'message.received hello',
      'message.sent You said: hello',
      'message.received status',
      'message.sent Checking your order…',
      'message.edited Your order has shipped.',
      'message.received oops',
      'message.sent A message sent by mistake',
      'message.deleted',
      'message.edited edited by the user',
    ]);
  });

  it('reports the onTurnError reply and everything before the throw, and the error reaches onTurnError', async () => {
    const { sink, connector, host, turnErrors } = await cloudSetup();

    expect((await host.post(createUserActivity(connector.serviceUrl, { text: 'crash' }))).status).toBe(200);

    expect(turnErrors.map((error) => error.message)).toEqual(['order service unavailable']);
    expect((await sink.events()).map(summary)).toEqual([
      'message.received crash',
      'message.sent Let me look…',
      'message.sent Sorry, something went wrong.',
    ]);
  });

  it('sees routes and beforeTurn handlers registered after attachWebhooks', async () => {
    const { sink, connector, host, agent } = await cloudSetup();
    agent.onTurn('beforeTurn', async (context) => {
      if (context.activity.type === 'message') await context.sendActivity('before the route');
      return true;
    });
    agent.onActivity('event', async (context) => {
      await context.sendActivity(`a route added later, for ${context.activity.name}`);
    });

    await host.post(createUserActivity(connector.serviceUrl, { text: 'hi' }));
    await host.post(
      createUserActivity(connector.serviceUrl, { type: 'event', name: 'webchat/join', text: undefined }),
    );

    expect((await sink.events()).map(summary)).toEqual([
      'message.received hi',
      'message.sent before the route',
      'message.sent You said: hi',
      'message.sent a route added later, for webchat/join',
    ]);
  });

  it('observes an agent with an adapter of its own, attached through the app', async () => {
    const { sink, connector, host, agent } = await cloudSetup();
    // A second Webhooks on the same app: each Webhooks gets every event.
    const second = await extraSink();
    attachWebhooks(agent, second.hooks, { events: ['message.sent'] });

    await host.post(createUserActivity(connector.serviceUrl, { text: 'hi' }));

    expect((await sink.events()).map(summary)).toEqual(['message.received hi', 'message.sent You said: hi']);
    expect((await second.events()).map(summary)).toEqual(['message.sent You said: hi']);
    expect(agent.adapter).toBe(host.adapter);
  });
});
