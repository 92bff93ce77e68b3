import { botFrameworkJsonApiSuite, createUserActivity, startAgentsHost } from '@bothooks/testkit/agents';
import { AgentApplication, type TurnState } from '@microsoft/agents-hosting';
import { attachWebhooks, jsonApi, tagInteraction } from '../src/index';

// The rendering itself is @bothooks/platform-botframework's (src/mapping/reply.test.ts); this is the route handler
// on the SDK's real CloudAdapter, against the fake Bot Connector.
botFrameworkJsonApiSuite({
  name: 'Agents SDK AgentApplication route',
  start: async (hooks, options) => {
    const quote = jsonApi(hooks, 'quotes', options.jsonApi);
    const app = new AgentApplication<TurnState>();
    app.onMessage('quote', async (context, state) => {
      tagInteraction(context, 'quote');
      await quote(context, state);
    });
    app.onMessage(/^cancel /, async (context) => {
      await context.sendActivity(
        `Order #${(context.activity.text ?? '').slice('cancel '.length)} cancelled.`,
      );
    });
    const host = await startAgentsHost((context) => app.run(context), { adapter: app.adapter });
    if (options.attach) attachWebhooks(app, hooks);
    return {
      say: async (text, channelId = 'webchat') => {
        const answer = await host.post(createUserActivity(options.serviceUrl, { text, channelId }));
        if (answer.status !== 200) throw new Error(`the agent answered ${answer.status}: ${answer.body}`);
      },
      close: () => host.close(),
    };
  },
});
