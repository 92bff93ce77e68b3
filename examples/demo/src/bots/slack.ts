import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachWebhooks, interaction, jsonApi } from '@bothooks/slack';
import { createFakeSlack } from '@bothooks/testkit/slack';
import { App, LogLevel } from '@slack/bolt';
import type { StartDemoBot } from './types';

const KEYWORDS = /^(order|status|quote)$/;

/** The same little shop assistant on each framework: echo, `order` (a tagged interaction), `status` (send, edit, delete). */
export const slackBot: StartDemoBot = async (hooks) => {
  const slack = await createFakeSlack();
  // processBeforeResponse: Slack's HTTP answer waits for the listeners, so `say` resolves once the app answered.
  const app = new App({
    token: slack.botToken,
    signingSecret: slack.signingSecret,
    processBeforeResponse: true,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: slack.apiUrl },
  });
  app.message(/^order$/, interaction('order'), async ({ say }) => {
    await say('What would you like to order?');
  });
  app.message(/^status$/, async ({ say, client, message }) => {
    const sent = await say('Checking your order…');
    await client.chat.update({
      channel: message.channel,
      ts: String(sent.ts),
      text: 'Your order has shipped.',
    });
    await client.chat.delete({ channel: message.channel, ts: String(sent.ts) });
  });
  app.message(
    /^quote$/,
    jsonApi(hooks, 'quotes', { errorResponse: 'Sorry, the shop is not answering right now.' }),
  );
  app.message(async ({ message, say }) => {
    const text = 'text' in message ? (message.text ?? '') : '';
    if (!KEYWORDS.test(text)) await say(`You said: ${text}`);
  });
  const detach = attachWebhooks(app, hooks);
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return {
    title: 'Slack Bolt app, against a fake Slack (signed Events API requests over HTTP)',
    say: async (text) => {
      const answer = await slack.deliver(url, slack.payloads.message(text));
      if (answer.status !== 200) throw new Error(`the Slack app answered ${answer.status}`);
    },
    stop: async () => {
      detach();
      await app.stop();
      await slack.close();
    },
  };
};
