import { afterEach, describe, expect, it } from 'vitest';
import { createAgentConversationReference, createUserActivity, startAgentsHost } from './agents-host';
import { createFakeBotConnector } from './connector';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const connector = await createFakeBotConnector();
  cleanups.push(() => connector.close());
  const turns: string[] = [];
  const host = await startAgentsHost(async (context) => {
    turns.push(context.activity.text ?? '');
    await context.sendActivity(`echo: ${context.activity.text}`);
  });
  cleanups.push(() => host.close());
  return { connector, host, turns };
}

describe('startAgentsHost with the real Agents SDK CloudAdapter', () => {
  it('runs the agent for an anonymous request, its reply going to the connector without a token', async () => {
    const { connector, host } = await setup();

    const answer = await host.post(createUserActivity(connector.serviceUrl, { text: 'hi' }));

    expect(answer.status).toBe(200);
    expect(connector.callsOf('replyToActivity')).toMatchObject([
      { status: 200, activityId: 'srv-1', body: { type: 'message', text: 'echo: hi' } },
    ]);
    expect(connector.calls[0]?.headers.authorization).toBeUndefined();
  });

  it("lets the SDK's authorizeJWT refuse a malformed Authorization header, never running the agent", async () => {
    const { connector, host, turns } = await setup();

    const answer = await host.post(createUserActivity(connector.serviceUrl, { text: 'hi' }), {
      authorization: 'Basic not-a-bearer-token',
    });

    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toEqual({ 'jwt-auth-error': 'invalid authorization header' });
    expect(turns).toEqual([]);
    expect(connector.calls).toEqual([]);
  });

  it('serves proactive sends with an Agents SDK conversation reference', async () => {
    const { connector, host } = await setup();

    await host.adapter.continueConversation(
      'agent-app-id',
      createAgentConversationReference(connector.serviceUrl),
      async (context) => {
        await context.sendActivity('reminder');
      },
    );

    expect(connector.calls.map((call) => [call.operation, call.body?.text])).toEqual([
      ['replyToActivity', 'reminder'],
    ]);
  });
});
