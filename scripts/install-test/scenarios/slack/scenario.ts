import { createFakeSlack } from '@bothooks/testkit/slack';
import type { Scenario } from '../../lib/scenario';

/** A Bolt app on its HTTP receiver: a signed Events API message comes in, the app's `say()` goes out. */
export const scenario: Scenario = {
  async world({ endpoint, label }) {
    const slack = await createFakeSlack();
    const text = `hello from ${label}`;
    return {
      env: {
        SLACK_API_URL: slack.apiUrl,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: slack.signingSecret,
        SLACK_WEBHOOK_URL: endpoint,
      },
      drive: async (info) => {
        const answer = await slack.deliver(String(info.url), slack.payloads.message(text));
        if (answer.status !== 200) throw new Error(`the app answered the event with ${answer.status}`);
      },
      expected: [
        { type: 'message.received', platform: 'slack', text },
        { type: 'message.sent', platform: 'slack', text: `You said: ${text}` },
      ],
      close: () => slack.close(),
    };
  },
};
