import { adapterContract } from '@bothooks/testkit';
import { createFakeBotConnector, createUserActivity, startBotHost } from '@bothooks/testkit/botbuilder';
import { ActivityHandler, CardFactory, type ConversationAccount, MessageFactory } from 'botbuilder';
import { attachWebhooks, tagInteraction } from '../src/index';
import { RecordingTestAdapter } from './harness';

// Bot Framework bots never hand their token to the adapter; this is what a channel error could quote.
const CREDENTIAL =
  'Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.c2lnbmF0dXJl';

/** The bot the shared adapter contract describes (see `AdapterContract` in @bothooks/testkit). */
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
        const tagged = tagInteraction(context, name);
        await context.sendActivity(`${tagged ? 'tagged' : 'not tagged'} ${name}`);
      } else if (text === 'rich') {
        const card = CardFactory.heroCard('Secret title', 'Secret summary');
        await context.sendActivity(MessageFactory.attachment(card));
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

function conversation(id: string | undefined): { conversation?: ConversationAccount } {
  return id === undefined
    ? {}
    : { conversation: { id, isGroup: false, conversationType: 'personal', name: '' } };
}

adapterContract({
  name: 'botbuilder TestAdapter',
  platform: 'botframework',
  source: 'botbuilder',
  start: async (hooks, options) => {
    const bot = new ContractBotLogic();
    const adapter = new RecordingTestAdapter((context) => bot.run(context));
    const frameworkErrors: unknown[] = [];
    adapter.onTurnError = async (_context, error) => {
      frameworkErrors.push(error);
    };
    const detach = attachWebhooks(adapter, hooks, options);
    return {
      frameworkErrors,
      credential: CREDENTIAL,
      refuseNextSend: (description) => {
        // What botbuilder's connector client rejects with when the channel refuses.
        adapter.refuseSends = Object.assign(new Error(description), { statusCode: 403, code: 'Forbidden' });
        adapter.refuseOnce = true;
      },
      attachAgain: (again) => attachWebhooks(adapter, hooks, again),
      detach,
      userSends: async (text, sendOptions = {}) => {
        await adapter.processActivity({ type: 'message', text, ...conversation(sendOptions.conversationId) });
      },
      close: async () => detach(),
    };
  },
});

adapterContract({
  name: 'botbuilder CloudAdapter',
  platform: 'botframework',
  source: 'botbuilder',
  start: async (hooks, options) => {
    const bot = new ContractBotLogic();
    const connector = await createFakeBotConnector();
    const host = await startBotHost((context) => bot.run(context));
    const frameworkErrors: unknown[] = [];
    host.adapter.onTurnError = async (_context, error) => {
      frameworkErrors.push(error);
    };
    const detach = attachWebhooks(host.adapter, hooks, options);
    return {
      frameworkErrors,
      credential: CREDENTIAL,
      refuseNextSend: (description) =>
        connector.fail({
          operation: 'replyToActivity',
          status: 403,
          code: 'Forbidden',
          message: description,
        }),
      attachAgain: (again) => attachWebhooks(host.adapter, hooks, again),
      detach,
      userSends: async (text, sendOptions = {}) => {
        const activity = createUserActivity(connector.serviceUrl, {
          text,
          ...conversation(sendOptions.conversationId),
        });
        const answer = await host.post(activity);
        if (answer.status !== 200) throw new Error(`the bot answered ${answer.status}: ${answer.body}`);
      },
      close: async () => {
        detach();
        await host.close();
        await connector.close();
      },
    };
  },
});
