import { attachWebhooks, jsonApi, tagInteraction } from '@bothooks/agents';
import { createFakeBotConnector, createUserActivity, startAgentsHost } from '@bothooks/testkit/agents';
import { AgentApplication, MessageFactory, type TurnState } from '@microsoft/agents-hosting';
import type { StartDemoBot } from './types';

export const agentsBot: StartDemoBot = async (hooks) => {
  const connector = await createFakeBotConnector();
  const app = new AgentApplication<TurnState>();
  app.onMessage(
    'quote',
    jsonApi(hooks, 'quotes', { errorResponse: 'Sorry, the shop is not answering right now.' }),
  );
  app.onMessage('order', async (context) => {
    tagInteraction(context, 'order');
    await context.sendActivity('What would you like to order?');
  });
  app.onMessage('status', async (context) => {
    const sent = await context.sendActivity('Checking your order…');
    const update = MessageFactory.text('Your order has shipped.');
    update.id = sent?.id;
    await context.updateActivity(update);
    await context.deleteActivity(sent?.id ?? '');
  });
  app.onActivity('message', async (context) => {
    await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
  });
  const host = await startAgentsHost((context) => app.run(context), { adapter: app.adapter });
  const detach = attachWebhooks(app, hooks);
  return {
    title: 'Microsoft 365 Agents SDK agent (AgentApplication), against a fake Bot Connector',
    say: async (text) => {
      await host.post(createUserActivity(connector.serviceUrl, { text }));
    },
    stop: async () => {
      detach();
      await host.close();
      await connector.close();
    },
  };
};
