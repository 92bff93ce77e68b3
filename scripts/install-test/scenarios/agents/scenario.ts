import { createFakeBotConnector, createUserActivity } from '@bothooks/testkit/agents';
import type { Scenario } from '../../lib/scenario';

/**
 * A Microsoft 365 Agents SDK agent: the install test posts a user's activity to it as a channel would, and its
 * reply goes to a fake Bot Connector. Left out on Node.js versions below the package's `engines` (20.19.0).
 */
export const scenario: Scenario = {
  async world({ endpoint, label }) {
    const connector = await createFakeBotConnector();
    const text = `hello from ${label}`;
    return {
      env: { AGENTS_WEBHOOK_URL: endpoint },
      drive: async (info) => {
        const response = await fetch(String(info.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(createUserActivity(connector.serviceUrl, { text })),
        });
        if (!response.ok) throw new Error(`the agent answered the activity with ${response.status}`);
      },
      expected: [
        { type: 'message.received', platform: 'botframework', text },
        { type: 'message.sent', platform: 'botframework', text: `You said: ${text}` },
      ],
      close: () => connector.close(),
    };
  },
};
