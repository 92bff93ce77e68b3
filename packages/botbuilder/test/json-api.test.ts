import { botFrameworkJsonApiSuite, createUserActivity, startBotHost } from '@bothooks/testkit/botbuilder';
import { ActivityHandler } from 'botbuilder';
import { attachWebhooks, jsonApi, tagInteraction } from '../src/index';

// The rendering itself is @bothooks/platform-botframework's (src/mapping/reply.test.ts); this is the handler on a
// real CloudAdapter, against the fake Bot Connector.
botFrameworkJsonApiSuite({
  name: 'botbuilder ActivityHandler on a CloudAdapter',
  start: async (hooks, options) => {
    const quote = jsonApi(hooks, 'quotes', options.jsonApi);
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      const text = context.activity.text ?? '';
      if (text === 'quote') {
        tagInteraction(context, 'quote');
        await quote(context, next);
        return;
      }
      if (text.startsWith('cancel ')) {
        await context.sendActivity(`Order #${text.slice('cancel '.length)} cancelled.`);
      }
      await next();
    });
    const host = await startBotHost((context) => bot.run(context));
    if (options.attach) attachWebhooks(host.adapter, hooks);
    return {
      say: async (text, channelId = 'webchat') => {
        const answer = await host.post(createUserActivity(options.serviceUrl, { text, channelId }));
        if (answer.status !== 200) throw new Error(`the bot answered ${answer.status}: ${answer.body}`);
      },
      close: () => host.close(),
    };
  },
});
