import { createMessageEvent, generateSecret, signWebhook } from '@bothooks/core';
import type { Scenario } from '../../lib/scenario';

/**
 * `@bothooks/receiver` in an app that receives webhooks: the install test POSTs it a signed event and then a GET
 * JSON API request; the app verifies both with the installed package (node:http handler and `verifyWebhook`)
 * and reports what it verified, through core, to the install test's receiver.
 */
export const scenario: Scenario = {
  async world({ endpoint, label }) {
    const text = `hello from ${label}`;
    const secret = generateSecret();
    const signed = (id: string, payload: string) => {
      const timestamp = Math.floor(Date.now() / 1000);
      return {
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook({ id, timestamp, payload, secret }),
      };
    };
    return {
      env: { RECEIVER_APP_SECRET: secret, RECEIVER_REPORT_URL: endpoint },
      drive: async (info) => {
        const body = JSON.stringify(
          createMessageEvent('message.received', {
            platform: 'telegram',
            direction: 'inbound',
            bot: { id: '1' },
            conversation: { id: '2' },
            message: { text, attachments: [] },
          }),
        );
        const posted = await fetch(String(info.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signed('msg_install_post', body) },
          body,
        });
        if (!posted.ok) throw new Error(`the app answered ${posted.status}: ${await posted.text()}`);
        // The parameters core's `hooks.request(..., { method: 'GET' })` sends.
        const query = new URLSearchParams({
          type: 'jsonapi.request',
          timestamp: new Date().toISOString(),
          platform: 'discord',
          direction: 'inbound',
          conversation_id: '3',
          user_id: '4',
          text: `${text} (GET)`,
        });
        const got = await fetch(`${String(info.url)}?${query}`, {
          headers: signed('msg_install_get', query.toString()),
        });
        if (!got.ok) throw new Error(`the app answered the GET with ${got.status}: ${await got.text()}`);
      },
      expected: [
        { type: 'message.received', platform: 'telegram', text },
        { type: 'message.received', platform: 'discord', text: `${text} (GET)` },
      ],
      close: async () => undefined,
    };
  },
};
