import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adapterContract } from '@bothooks/testkit';
import { createFakeSlack, FAKE_CHANNELS } from '@bothooks/testkit/slack';
import { App } from '@slack/bolt';
import { attachWebhooks, tagInteraction } from '../src/index';
import { quietLogger } from './harness';

adapterContract({
  name: 'slack',
  platform: 'slack',
  source: 'slack',
  start: async (hooks, options) => {
    const slack = await createFakeSlack();
    // processBeforeResponse holds Slack's HTTP answer until the listeners are done, so `userSends` resolves
    // once the app has handled the message; no retries, so a refused send fails at once.
    const app = new App({
      token: slack.botToken,
      signingSecret: slack.signingSecret,
      logger: quietLogger,
      processBeforeResponse: true,
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    });
    const frameworkErrors: unknown[] = [];
    app.error(async (error) => {
      frameworkErrors.push(error);
    });
    app.message(async ({ message, body, say, client }) => {
      const text = 'text' in message ? (message.text ?? '') : '';
      const tag = /^tag (.+)$/.exec(text);
      if (tag) {
        const name = tag[1] ?? '';
        await say(`${tagInteraction(body, name) ? 'tagged' : 'not tagged'} ${name}`);
      } else if (text === 'edit me') {
        const sent = await say('original');
        await client.chat.update({ channel: String(sent.channel), ts: String(sent.ts), text: 'edited' });
      } else if (text === 'delete me') {
        const sent = await say('temporary');
        await client.chat.delete({ channel: String(sent.channel), ts: String(sent.ts) });
      } else if (text === 'rich') {
        await say({
          text: 'A card',
          blocks: [
            { type: 'header', text: { type: 'plain_text', text: 'Secret title' } },
            { type: 'section', text: { type: 'mrkdwn', text: 'Secret summary' } },
          ],
        });
      } else if (text === 'fail') {
        await say('about to fail');
        throw new Error('contract failure');
      } else {
        await say(`echo: ${text}`);
      }
    });
    // Attached after every listener on purpose: the adapter must not depend on their order.
    const detach = attachWebhooks(app, hooks, options);
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    return {
      frameworkErrors,
      credential: slack.botToken,
      refuseNextSend: (description) =>
        slack.fail('chat.postMessage', {
          httpStatus: 403,
          error: 'restricted_action',
          messages: [description],
        }),
      attachAgain: (again) => attachWebhooks(app, hooks, again),
      detach,
      userSends: async (text, sendOptions = {}) => {
        const channel =
          sendOptions.conversationId === undefined
            ? FAKE_CHANNELS.dm
            : { id: sendOptions.conversationId, type: 'im' as const };
        const delivery = await slack.deliver(url, slack.payloads.message(text, { channel }));
        if (delivery.status !== 200) throw new Error(`the app answered ${delivery.status}`);
      },
      close: async () => {
        detach();
        await app.stop();
        await slack.close();
      },
    };
  },
});
