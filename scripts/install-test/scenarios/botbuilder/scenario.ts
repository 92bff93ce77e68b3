import { createFakeBotConnector, createUserActivity } from '@bothooks/testkit/botbuilder';
import type { Scenario } from '../../lib/scenario';

/**
 * A botbuilder CloudAdapter bot: the install test posts a user's activity to it as a channel would, and its
 * reply goes to a fake Bot Connector.
 */
export const scenario: Scenario = {
  async world({ endpoint, label }) {
    const connector = await createFakeBotConnector();
    const text = `hello from ${label}`;
    return {
      env: { BOTBUILDER_WEBHOOK_URL: endpoint },
      drive: async (info) => {
        const response = await fetch(String(info.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(createUserActivity(connector.serviceUrl, { text })),
        });
        if (!response.ok) throw new Error(`the bot answered the activity with ${response.status}`);
      },
      expected: [
        { type: 'message.received', platform: 'botframework', text },
        { type: 'message.sent', platform: 'botframework', text: `You said: ${text}` },
      ],
      close: () => connector.close(),
    };
  },
};
