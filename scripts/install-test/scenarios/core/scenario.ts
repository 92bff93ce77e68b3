import type { Scenario } from '../../lib/scenario';

/** `@bothooks/core` on its own: `createWebhooks` with the thread engine publishes one event. */
export const scenario: Scenario = {
  async world({ endpoint, label }) {
    const text = `hello from ${label}`;
    return {
      env: { CORE_WEBHOOK_URL: endpoint, CORE_MESSAGE_TEXT: text },
      drive: async () => undefined,
      expected: [{ type: 'message.received', platform: 'custom', text }],
      close: async () => undefined,
    };
  },
};
