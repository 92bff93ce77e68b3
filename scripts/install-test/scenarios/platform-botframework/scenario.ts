import { createUserActivity } from '@bothooks/testkit/botbuilder';
import type { Scenario } from '../../lib/scenario';

/**
 * `@bothooks/platform-botframework` alone: the install test posts a user's activity as a channel would, and the
 * app maps it with the installed package and publishes it through core, then renders and maps its answer.
 */
export const scenario: Scenario = {
  async world({ endpoint, label }) {
    const text = `hello from ${label}`;
    return {
      env: { PLATFORM_BOTFRAMEWORK_WEBHOOK_URL: endpoint },
      drive: async (info) => {
        const response = await fetch(String(info.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(createUserActivity('http://127.0.0.1:9/', { text })),
        });
        if (!response.ok) throw new Error(`the app answered the activity with ${response.status}`);
      },
      expected: [
        { type: 'message.received', platform: 'botframework', text },
        { type: 'message.sent', platform: 'botframework', text: `You said: ${text}` },
      ],
      close: async () => undefined,
    };
  },
};
