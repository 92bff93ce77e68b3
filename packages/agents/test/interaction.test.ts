import { describe, expect, it } from 'vitest';
import { attachWebhooks, tagInteraction } from '../src/index';
import { type Envelope, hostSetup, summary } from './harness';

describe('tagInteraction', () => {
  it('tags the turn from a handler: every later send carries the interaction', async () => {
    const { sink, host, say } = await hostSetup(async (context) => {
      expect(tagInteraction(context, 'order')).toBe(true);
      await context.sendActivity('Which product?');
    });
    attachWebhooks(host.adapter, sink.hooks);

    await say('order');

    const events = await sink.events();
    expect(events.map((event) => [summary(event), event.data.interaction])).toEqual([
      // Published to this unscoped endpoint before the handler ran, so untagged.
      ['message.received order', undefined],
      ['message.sent Which product?', 'order'],
    ]);
  });

  it('keeps the interaction of each turn to itself when turns overlap', async () => {
    let releaseTagged: () => void = () => undefined;
    const taggedWaits = new Promise<void>((resolve) => {
      releaseTagged = resolve;
    });
    const { sink, host, say } = await hostSetup(async (context) => {
      if (context.activity.text === 'order') {
        tagInteraction(context, 'order');
        await taggedWaits;
      }
      await context.sendActivity(`answer to ${context.activity.text}`);
    });
    attachWebhooks(host.adapter, sink.hooks);

    const tagged = say('order');
    await say('other');
    releaseTagged();
    await tagged;

    const byText = new Map((await sink.events()).map((event): [string, Envelope] => [summary(event), event]));
    expect(byText.get('message.sent answer to other')?.data.interaction).toBeUndefined();
    expect(byText.get('message.received other')?.data.interaction).toBeUndefined();
    expect(byText.get('message.sent answer to order')?.data.interaction).toBe('order');
  });

  it('returns false without bothooks on the adapter, and outside any turn', async () => {
    const results: boolean[] = [];
    const { say } = await hostSetup(async (context) => {
      results.push(tagInteraction(context, 'order'));
    });

    await say('order');

    expect(results).toEqual([false]);
    expect(tagInteraction({} as never, 'order')).toBe(false);
  });
});
