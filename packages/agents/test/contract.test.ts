import { adapterContract } from '@bothooks/testkit';
import { createFakeBotConnector, createUserActivity, startAgentsHost } from '@bothooks/testkit/agents';
import { AgentApplication, CardFactory, MessageFactory, type TurnState } from '@microsoft/agents-hosting';
import { attachWebhooks, tagInteraction } from '../src/index';
import { message } from './harness';

// Agents never hand their token to the adapter; this is what a channel error could quote.
const CREDENTIAL =
  'Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.c2lnbmF0dXJl';

/** The agent the shared adapter contract describes (see `AdapterContract` in @bothooks/testkit). */
function contractAgent(): AgentApplication<TurnState> {
  const app = new AgentApplication<TurnState>();
  app.onActivity('message', async (context) => {
    const text = context.activity.text ?? '';
    if (text === 'edit me') {
      const sent = await context.sendActivity('original');
      await context.updateActivity(message({ id: sent?.id, text: 'edited' }));
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
  });
  return app;
}

for (const target of ['AgentApplication', 'CloudAdapter'] as const) {
  adapterContract({
    name: `Agents SDK ${target}`,
    platform: 'botframework',
    source: 'agents',
    start: async (hooks, options) => {
      const app = contractAgent();
      const connector = await createFakeBotConnector();
      const host = await startAgentsHost((context) => app.run(context), { adapter: app.adapter });
      const frameworkErrors: unknown[] = [];
      host.adapter.onTurnError = async (_context, error) => {
        frameworkErrors.push(error);
      };
      const attachTo = target === 'AgentApplication' ? app : host.adapter;
      const detach = attachWebhooks(attachTo, hooks, options);
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
        attachAgain: (again) => attachWebhooks(attachTo, hooks, again),
        detach,
        userSends: async (text, sendOptions = {}) => {
          const activity = createUserActivity(connector.serviceUrl, {
            text,
            ...(sendOptions.conversationId !== undefined && {
              conversation: { id: sendOptions.conversationId, isGroup: false, conversationType: 'personal' },
            }),
          });
          const answer = await host.post(activity);
          if (answer.status !== 200) throw new Error(`the agent answered ${answer.status}: ${answer.body}`);
        },
        close: async () => {
          detach();
          await host.close();
          await connector.close();
        },
      };
    },
  });
}
