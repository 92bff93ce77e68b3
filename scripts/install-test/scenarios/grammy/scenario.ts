import { createFakeTelegram } from '@bothooks/testkit/telegram';
import type { Scenario } from '../../lib/scenario';

/**
 * A grammY bot long-polling a fake Bot API, with `@grammyjs/auto-retry` installed after bothooks: a user's text
 * comes in, and the bot's reply, refused once with a flood limit and retried, goes out as one webhook.
 */
export const scenario: Scenario = {
  install: ['@grammyjs/auto-retry'],
  async world({ endpoint, label }) {
    const telegram = await createFakeTelegram();
    const text = `hello from ${label}`;
    return {
      env: {
        GRAMMY_API_ROOT: telegram.apiRoot,
        GRAMMY_BOT_TOKEN: telegram.token,
        GRAMMY_WEBHOOK_URL: endpoint,
      },
      drive: async () => {
        telegram.fail(
          'sendMessage',
          {
            error_code: 429,
            description: 'Too Many Requests: retry after 0',
            parameters: { retry_after: 0 },
          },
          { times: 1 },
        );
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
