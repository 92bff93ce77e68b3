import { type MiddlewareSet, TestAdapter } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { pipelineOf, sink, summary } from './harness';

describe('detach', () => {
  it('detach() stops publishing and gives the pipeline back as it was; calling it twice is harmless', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('reply');
    });
    const pipeline = pipelineOf(adapter);
    const detach = attachWebhooks(adapter, hooks);
    expect(Object.hasOwn(pipeline, 'run')).toBe(true);

    await adapter.send('before').startTest();
    detach();
    detach();
    await adapter.send('after').startTest();

    expect(Object.hasOwn(pipeline, 'run')).toBe(false);
    expect((await events()).map(summary)).toEqual(['message.received before', 'message.sent reply']);
  });

  it('detach() keeps a wrapper added after it working and only goes quiet itself', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('reply');
    });
    const pipeline = pipelineOf(adapter);
    const detach = attachWebhooks(adapter, hooks);
    const ours = pipeline.run;
    let wrapperRuns = 0;
    pipeline.run = function (this: MiddlewareSet, context, next) {
      wrapperRuns += 1;
      return ours.call(this, context, next);
    };

    detach();
    await adapter.send('after').assertReply('reply').startTest();

    expect(wrapperRuns).toBe(1);
    expect(await events()).toEqual([]);
  });
});
