import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { setup, summary } from './harness';

describe('never waiting for the endpoint', () => {
  it('acks and answers over HTTP while every webhook answer is held', async () => {
    const harness = await setup({ processBeforeResponse: false });
    const { slack, app, hooks, receiver } = harness;
    let delivered = 0;
    hooks.on('delivered', () => {
      delivered += 1;
    });
    app.message(async ({ say }) => {
      await say('answered');
    });
    app.command('/quick', async ({ ack }) => {
      await ack('acked');
    });
    attachWebhooks(app, hooks);
    await harness.start();
    const release = receiver.hold();
    const [message, command] = await Promise.all([
      slack.deliver(harness.url, slack.payloads.message('one')),
      slack.deliver(harness.url, slack.payloads.command('/quick', '')),
    ]);
    expect([message.status, command.status, command.body]).toEqual([200, 200, 'acked']);
    await slack.waitForCalls('chat.postMessage', 1);
    await receiver.waitFor(4);
    expect(delivered).toBe(0);
    release();
    await hooks.flush({ timeoutMs: 5_000 });
    expect(delivered).toBe(4);
  });

  it('acks over Socket Mode while every webhook answer is held', async () => {
    const harness = await setup({ mode: 'socket' });
    const { slack, app, hooks, receiver } = harness;
    app.command('/quick', async ({ ack }) => {
      await ack({ text: 'acked' });
    });
    attachWebhooks(app, hooks);
    await harness.start();
    const release = receiver.hold();
    const delivery = await slack.socketMode.send(slack.payloads.command('/quick', ''));
    expect(delivery.ack).toEqual({ text: 'acked' });
    await receiver.waitFor(2);
    release();
    expect((await harness.delivered()).map(summary)).toEqual([
      'message.received /quick',
      'message.sent acked',
    ]);
  });

  it('keeps the app answering when the webhook endpoint is gone, and nothing is lost silently', async () => {
    const harness = await setup();
    const { slack, app, hooks, receiver } = harness;
    const failed: string[] = [];
    hooks.on('failed', (event) => failed.push(event.type));
    app.message(async ({ say }) => {
      await say('still here');
    });
    attachWebhooks(app, hooks);
    await harness.start();
    await receiver.close();
    await slack.deliver(harness.url, slack.payloads.message('anyone?'));
    await slack.deliver(harness.url, slack.payloads.message('hello?'));
    expect(slack.callsTo('chat.postMessage').map((call) => call.params.text)).toEqual([
      'still here',
      'still here',
    ]);
    expect(harness.frameworkErrors).toEqual([]);
    const { undelivered } = await hooks.close({ timeoutMs: 300 });
    expect([...failed, ...undelivered.map((message) => message.type)].sort()).toEqual([
      'message.received',
      'message.received',
      'message.sent',
      'message.sent',
    ]);
  });

  it('never lets a faulty attributes function reach the app', async () => {
    const harness = await setup();
    const { slack, app, hooks } = harness;
    const reported: string[] = [];
    hooks.on('error', (report) => reported.push(report.code));
    app.message(async ({ say }) => {
      await say('fine');
    });
    attachWebhooks(app, hooks, {
      attributes: () => {
        throw new Error('attributes bug');
      },
    });
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('hi'));
    expect((await harness.delivered()).map(summary)).toEqual(['message.received hi', 'message.sent fine']);
    expect(reported).toEqual(['ATTRIBUTES_FAILED', 'ATTRIBUTES_FAILED']);
    expect(harness.frameworkErrors).toEqual([]);
  });
});
