import { FAKE_CHANNELS } from '@bothooks/testkit/slack';
import type { App, webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { setup, summary } from './harness';

type Internals = { middleware: unknown[]; fetchFn: unknown };

function shape(app: App): Record<string, PropertyDescriptorMap | unknown[]> {
  return {
    app: Object.getOwnPropertyDescriptors(app),
    client: Object.getOwnPropertyDescriptors(app.client),
    chat: Object.getOwnPropertyDescriptors(app.client.chat),
    files: Object.getOwnPropertyDescriptors(app.client.files),
    middleware: [...(app as unknown as Internals).middleware],
  };
}

describe('detach', () => {
  it('gives the app back exactly as it was, pooled clients included, and stops reporting', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    let pooled: webApi.WebClient | undefined;
    app.message(async ({ client, say }) => {
      pooled = client;
      await say('hi');
    });
    const before = shape(app);
    const detach = attachWebhooks(app, harness.hooks);
    expect(Object.hasOwn(app, 'processEvent')).toBe(true);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('before'));
    if (!pooled) throw new Error('no listener ran');
    // web-api binds each method to apiCall when it builds a client: the patch replaced that bound copy.
    expect(pooled.chat.postMessage.name).not.toBe('bound apiCall');
    detach();
    detach();
    expect(shape(app)).toEqual(before);
    expect(Object.hasOwn(app, 'processEvent')).toBe(false);
    expect(pooled.chat.postMessage.name).toBe('bound apiCall');
    expect(Object.hasOwn(pooled, 'apiCall')).toBe(false);
    await slack.deliver(harness.url, slack.payloads.message('after'));
    await app.client.chat.postMessage({ channel: FAKE_CHANNELS.general.id, text: 'broadcast after detach' });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(3);
    expect((await harness.delivered()).map(summary)).toEqual(['message.received before', 'message.sent hi']);
  });

  it('reports every message once when attached twice, warns, and can attach again after detaching', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    const warnings: string[] = [];
    harness.hooks.on('error', (report) => warnings.push(`${report.severity} ${report.code}`));
    app.message(async ({ say }) => {
      await say('hi');
    });
    const detach = attachWebhooks(app, harness.hooks);
    const duplicate = attachWebhooks(app, harness.hooks, { includeText: false });
    expect(warnings).toEqual(['warning ALREADY_ATTACHED']);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('once'));
    duplicate();
    detach();
    attachWebhooks(app, harness.hooks);
    await slack.deliver(harness.url, slack.payloads.message('again'));
    expect((await harness.delivered()).map(summary)).toEqual([
      'message.received once',
      'message.sent hi',
      'message.received again',
      'message.sent hi',
    ]);
  });

  it('leaves a wrapper installed after it working, and reports nothing through it', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    app.message(async ({ say }) => {
      await say('hi');
    });
    const detach = attachWebhooks(app, harness.hooks);
    const seen: string[] = [];
    const ours = app.processEvent;
    const theirs: App['processEvent'] = function (this: App, event) {
      seen.push(String((event.body as { type?: unknown }).type));
      return ours.call(this, event);
    };
    app.processEvent = theirs;
    detach();
    expect(app.processEvent).toBe(theirs);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('still wrapped'));
    expect(seen).toEqual(['event_callback']);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(await harness.delivered()).toEqual([]);
  });

  it('stops reporting a delivery that is still being handled', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    let detach = (): void => undefined;
    app.message(async ({ say }) => {
      await say('before');
      detach();
      await say('after');
    });
    detach = attachWebhooks(app, harness.hooks);
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('go'));
    expect((await harness.delivered()).map(summary)).toEqual(['message.received go', 'message.sent before']);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect(harness.frameworkErrors).toEqual([]);
  });
});
