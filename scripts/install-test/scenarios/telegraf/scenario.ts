import { createFakeTelegram } from '@bothooks/testkit/telegram';
import type { Scenario } from '../../lib/scenario';

/** A Telegraf bot long-polling a fake Bot API: a user's text comes in, the bot's reply goes out. */
export const scenario: Scenario = {
  async world({ endpoint, label }) {
    const telegram = await createFakeTelegram();
    const text = `hello from ${label}`;
    return {
      env: {
        TELEGRAM_API_ROOT: telegram.apiRoot,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAF_WEBHOOK_URL: endpoint,
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
