import { attachWebhooks } from '@bothooks/botbuilder';
import { type Activity, ActivityTypes, type BotAdapter, TestAdapter } from 'botbuilder';
import type { BotDriver, Instrumentation } from '../bot-cost';
import { inBatches } from './batches';

/** The naive approach on botbuilder: an awaited POST of each activity in and out, inside the turn. */
export function naiveMiddleware(adapter: Pick<BotAdapter, 'use'>, instrumentation: Instrumentation): void {
  if (instrumentation.kind !== 'naive') return;
  const { post } = instrumentation;
  adapter.use(async (context, next) => {
    await post(context.activity);
    context.onSendActivities(async (_context, activities, nextSend) => {
      const responses = await nextSend();
      for (const activity of activities) await post(activity);
      return responses;
    });
    await next();
  });
}

/**
 * An echo bot on botbuilder's TestAdapter, which runs the real middleware pipeline and TurnContext and does no
 * I/O at all: the worst case for anything that adds CPU to a turn.
 */
export const botbuilderDriver: BotDriver = {
  name: 'botbuilder (TestAdapter)',
  count: 20_000,
  start: async (instrumentation) => {
    const adapter = new TestAdapter(async (context) => {
      if (context.activity.type === ActivityTypes.Message)
        await context.sendActivity(`echo: ${context.activity.text}`);
    });
    let detach = (): void => undefined;
    if (instrumentation.kind === 'bothooks') detach = attachWebhooks(adapter, instrumentation.hooks);
    naiveMiddleware(adapter, instrumentation);
    let sequence = 0;
    return {
      handle: (count, concurrency) =>
        inBatches(count, concurrency, async () => {
          sequence += 1;
          await adapter.processActivity({
            type: ActivityTypes.Message,
            text: `hello ${sequence}`,
          } as Partial<Activity>);
          // TestAdapter keeps every reply for assertions; the bench has none to make.
          adapter.activeQueue.splice(0);
        }),
      close: async () => detach(),
    };
  },
};
