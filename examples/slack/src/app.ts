import { interaction, tagInteraction } from '@bothooks/slack';
import { App, LogLevel } from '@slack/bolt';
import type { ExampleConfig } from './config';

/** A small shop assistant: every message it receives and sends becomes a webhook once `attachWebhooks` runs. */
export function createApp(config: ExampleConfig): App {
  const clientOptions = config.apiUrl === undefined ? {} : { slackApiUrl: config.apiUrl };
  const app = config.appToken
    ? new App({
        token: config.botToken,
        appToken: config.appToken,
        socketMode: true,
        clientOptions,
        logLevel: LogLevel.WARN,
      })
    : new App({
        token: config.botToken,
        signingSecret: config.signingSecret,
        clientOptions,
        logLevel: LogLevel.WARN,
      });

  // A slash command tagged `order`: its messages also go to the endpoints scoped to that interaction. The
  // acknowledgement comes first (Slack waits 3 seconds), the question through respond().
  app.command('/order', interaction('order'), async ({ ack, respond }) => {
    await ack();
    await respond({
      text: 'What would you like to order?',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'What would you like to order?' } },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'order:tea',
              text: { type: 'plain_text', text: 'Tea' },
              value: 'tea',
            },
            {
              type: 'button',
              action_id: 'order:coffee',
              text: { type: 'plain_text', text: 'Coffee' },
              value: 'coffee',
            },
          ],
        },
      ],
    });
  });

  // A button press is a `message.received` with `action: { kind: 'button', value: 'tea' }`; replacing the
  // question is a `message.edited`.
  app.action(/^order:/, async ({ ack, body, action, respond }) => {
    tagInteraction(body, 'order');
    await ack();
    const choice = 'value' in action ? action.value : 'something';
    await respond({ text: `One ${choice}, coming up.`, replace_original: true });
  });

  // Sends, edits, then deletes: three webhooks for one message.
  app.message(/^status$/i, async ({ say, client, message }) => {
    const sent = await say('Checking your order…');
    await client.chat.update({
      channel: message.channel,
      ts: String(sent.ts),
      text: 'Your order has shipped.',
    });
    await client.chat.delete({ channel: message.channel, ts: String(sent.ts) });
    await say('Your order has shipped. (I tidied up my last message.)');
  });

  app.message(async ({ message, say }) => {
    if (!('text' in message) || message.subtype !== undefined || /^status$/i.test(message.text ?? '')) return;
    await say(`You said: ${message.text}`);
  });

  app.error(async (error) => {
    console.error('the app failed:', error);
  });
  return app;
}
