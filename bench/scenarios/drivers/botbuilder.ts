import { attachWebhooks } from '@bothooks/botbuilder';
import { type Activity, ActivityTypes, TestAdapter } from 'botbuilder';
import type { BotDriver } from '../bot-cost';
import { inBatches } from './batches';

/** An echo bot on botbuilder's TestAdapter, which runs the real middleware pipeline and TurnContext. */
export const botbuilderDriver: BotDriver = {
  name: 'botbuilder',
  start: async (instrumentation) => {
    const adapter = new TestAdapter(async (context) => {
      if (context.activity.type === ActivityTypes.Message)
        await context.sendActivity(`echo: ${context.activity.text}`);
    });
    let detach = (): void => undefined;
    if (instrumentation.kind === 'bothooks') detach = attachWebhooks(adapter, instrumentation.hooks);
    if (instrumentation.kind === 'naive') {
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
