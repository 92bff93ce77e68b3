import { readdirSync, readFileSync } from 'node:fs';
import { createFakeBotConnector, startBotHost } from '@bothooks/testkit/botbuilder';
import { describe, expect, it } from 'vitest';
import { type ActivityInput, activityToMessageData, attachWebhooks } from '../src/index';
import { sink as createSink, onCleanup } from './harness';

const RECORDED = new URL('../../platform-botframework/test/fixtures/', import.meta.url);

// The inbound activities the shared mapping is tested on, as channels post them, through botbuilder's real
// CloudAdapter behind HTTP: what the adapter reports is what the mapping makes of each recording.
const inbound = readdirSync(RECORDED)
  .filter((file) => file.endsWith('.json') && !file.includes('outbound'))
  .map((file) => file.replace(/\.json$/, ''));

const TYPES: Record<string, string> = {
  message: 'message.received',
  messageUpdate: 'message.edited',
  messageDelete: 'message.deleted',
};

describe('the platform recordings through a real CloudAdapter', () => {
  it.each(inbound)('%s', async (name) => {
    const recording = JSON.parse(readFileSync(new URL(`${name}.json`, RECORDED), 'utf8')) as ActivityInput &
      Record<string, unknown>;
    const connector = await createFakeBotConnector();
    onCleanup(() => connector.close());
    const sink = await createSink();
    const host = await startBotHost(async () => undefined);
    onCleanup(() => host.close());
    attachWebhooks(host.adapter, sink.hooks);

    const posted = { ...recording, serviceUrl: connector.serviceUrl };
    expect((await host.post(posted)).status).toBeLessThan(300);
    const [event] = await sink.events();
    expect(event?.type).toBe(TYPES[String(recording.type)]);
    const expected = activityToMessageData(posted, { direction: 'inbound' });
    expect(event?.data).toEqual(expected);
  });
});
