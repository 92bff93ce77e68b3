import { attachWebhooks, jsonApi, tagInteraction } from '@bothooks/botbuilder';
import { createFakeBotConnector, createUserActivity, startBotHost } from '@bothooks/testkit/botbuilder';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { StartDemoBot } from './types';

export const botbuilderBot: StartDemoBot = async (hooks) => {
  const connector = await createFakeBotConnector();
  const quote = jsonApi(hooks, 'quotes', { errorResponse: 'Sorry, the shop is not answering right now.' });
  const host = await startBotHost(async (context: TurnContext) => {
    if (context.activity.type !== ActivityTypes.Message) return;
    const text = context.activity.text ?? '';
    if (text === 'quote') {
      await quote(context, async () => undefined);
    } else if (text === 'order') {
      tagInteraction(context, 'order');
      await context.sendActivity('What would you like to order?');
    } else if (text === 'status') {
      const sent = await context.sendActivity('Checking your order…');
      await context.updateActivity({
        ...context.activity,
        id: sent?.id,
        type: 'message',
        text: 'Your order has shipped.',
      });
      await context.deleteActivity(sent?.id ?? '');
    } else {
      await context.sendActivity(`You said: ${text}`);
    }
  });
  const detach = attachWebhooks(host.adapter, hooks);
  return {
    title: 'Bot Framework bot (CloudAdapter), against a fake Bot Connector',
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
