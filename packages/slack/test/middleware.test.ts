import { describe, expect, it } from 'vitest';
import { attachWebhooks, webhookMiddleware } from '../src/index';
import { setup, summary } from './harness';

describe('webhookMiddleware', () => {
  it('reports what passes through it and what listeners send through say and their client', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    app.use(webhookMiddleware(harness.hooks));
    app.message(async ({ say, client, message }) => {
      const sent = await say('one');
      await client.chat.update({ channel: message.channel, ts: String(sent.ts), text: 'one, edited' });
    });
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('hello'));
    expect((await harness.delivered()).map(summary)).toEqual([
      'message.received hello',
      'message.sent one',
      'message.edited one, edited',
    ]);
  });

  it('stands aside next to attachWebhooks with the same hooks: each message once, one warning', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    const warnings: string[] = [];
    harness.hooks.on('error', (report) => warnings.push(report.code));
    app.use(webhookMiddleware(harness.hooks, { includeText: false }));
    app.message(async ({ say }) => {
      await say('reply');
    });
    attachWebhooks(app, harness.hooks);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('first'));
    await slack.deliver(harness.url, slack.payloads.message('second'));
    expect((await harness.delivered()).map(summary)).toEqual([
      'message.received first',
      'message.sent reply',
      'message.received second',
      'message.sent reply',
    ]);
    expect(warnings).toEqual(['ALREADY_ATTACHED']);
  });
});
