import type { MiddlewareSet } from '@microsoft/agents-hosting';
import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { hostSetup, pipelineOf, summary } from './harness';

describe('detach', () => {
  it('detach() stops publishing and gives the adapter back as it was; calling it twice is harmless', async () => {
    const { sink, host, say } = await hostSetup(async (context) => {
      await context.sendActivity('reply');
    });
    const pipeline = pipelineOf(host.adapter);
    const detach = attachWebhooks(host.adapter, sink.hooks, { includeTyping: true });
    expect(Object.hasOwn(pipeline, 'run')).toBe(true);
    expect(Object.hasOwn(host.adapter, 'sendActivities')).toBe(true);

    await say('before');
    detach();
    detach();
    await say('after');

    expect(Object.hasOwn(pipeline, 'run')).toBe(false);
    expect(Object.hasOwn(host.adapter, 'sendActivities')).toBe(false);
    expect((await sink.events()).map(summary)).toEqual(['message.received before', 'message.sent reply']);
  });

  it('detach() keeps a wrapper added after it working and only goes quiet itself', async () => {
    const { sink, connector, host, say } = await hostSetup(async (context) => {
      await context.sendActivity('reply');
    });
    const pipeline = pipelineOf(host.adapter);
    const detach = attachWebhooks(host.adapter, sink.hooks);
    const ours = pipeline.run;
    let wrapperRuns = 0;
    pipeline.run = function (this: MiddlewareSet, context, next) {
      wrapperRuns += 1;
      return ours.call(this, context, next);
    };

    detach();
    await say('after');

    expect(wrapperRuns).toBe(1);
    expect(connector.callsOf('replyToActivity')).toHaveLength(1);
    expect(await sink.events()).toEqual([]);
  });
});
