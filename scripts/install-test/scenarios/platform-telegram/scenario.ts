import { createFakeTelegram } from '@bothooks/testkit/telegram';
import type { Scenario } from '../../lib/scenario';

/**
 * `@bothooks/platform-telegram` on its own, without a framework: a few lines of `fetch` long-poll a fake Bot API,
 * and the installed mapping turns the user's update and the bot's answer into the webhooks.
 */
export const scenario: Scenario = {
  async world({ endpoint, label }) {
    const telegram = await createFakeTelegram();
    const text = `hello from ${label}`;
    return {
      env: {
        PLATFORM_TELEGRAM_API_ROOT: telegram.apiRoot,
        PLATFORM_TELEGRAM_BOT_TOKEN: telegram.token,
        PLATFORM_TELEGRAM_WEBHOOK_URL: endpoint,
      },
      drive: async () => {
        telegram.pushUpdate(telegram.updates.text(text));
      },
      expected: [
        { type: 'message.received', platform: 'telegram', text },
        { type: 'message.sent', platform: 'telegram', text: `You said: ${text}` },
      ],
      close: () => telegram.close(),
    };
  },
};
