import { adapterContract } from '@bothooks/testkit';
import { createFakeBotConnector, createUserActivity, startBotHost } from '@bothooks/testkit/botbuilder';
import { ActivityHandler, TestAdapter } from 'botbuilder';
import { attachWebhooks, tagInteraction } from '../src/index';

/** The bot the shared adapter contract describes (see `ContractBot` in @bothooks/testkit). */
class ContractBotLogic extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = context.activity.text ?? '';
      if (text === 'edit me') {
        const sent = await context.sendActivity('original');
        await context.updateActivity({ id: sent?.id, type: 'message', text: 'edited' });
      } else if (text === 'delete me') {
        const sent = await context.sendActivity('temporary');
        await context.deleteActivity(sent?.id ?? '');
      } else if (text.startsWith('tag ')) {
        const name = text.slice('tag '.length);
        tagInteraction(context, name);
        await context.sendActivity(`tagged ${name}`);
      } else if (text === 'fail') {
        await context.sendActivity('about to fail');
        throw new Error('contract failure');
      } else {
        await context.sendActivity(`echo: ${text}`);
      }
      await next();
    });
  }
}

adapterContract({
  name: 'botbuilder TestAdapter',
  platform: 'botframework',
  start: async (hooks) => {
    const bot = new ContractBotLogic();
    const adapter = new TestAdapter((context) => bot.run(context));
    const frameworkErrors: unknown[] = [];
    adapter.onTurnError = async (_context, error) => {
      frameworkErrors.push(error);
    };
    const detach = attachWebhooks(adapter, hooks);
    return {
      frameworkErrors,
      userSends: async (text, options = {}) => {
        await adapter.processActivity({
          type: 'message',
          text,
          ...(options.conversationId !== undefined && {
            conversation: {
              id: options.conversationId,
              isGroup: false,
              conversationType: 'personal',
              name: '',
            },
          }),
        });
      },
      close: async () => detach(),
    };
  },
});

adapterContract({
  name: 'botbuilder CloudAdapter',
  platform: 'botframework',
  start: async (hooks) => {
    const bot = new ContractBotLogic();
    const connector = await createFakeBotConnector();
    const host = await startBotHost((context) => bot.run(context));
    const frameworkErrors: unknown[] = [];
    host.adapter.onTurnError = async (_context, error) => {
      frameworkErrors.push(error);
    };
    attachWebhooks(host.adapter, hooks);
    return {
      frameworkErrors,
      userSends: async (text, options = {}) => {
        const answer = await host.post(
          createUserActivity(connector.serviceUrl, {
            text,
            ...(options.conversationId !== undefined && {
              conversation: {
                id: options.conversationId,
                isGroup: false,
                conversationType: 'personal',
                name: '',
              },
            }),
          }),
        );
        if (answer.status !== 200) throw new Error(`the bot answered ${answer.status}: ${answer.body}`);
      },
      close: async () => {
        await host.close();
        await connector.close();
      },
    };
  },
});
