import { ActivityHandler, TestAdapter, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { attachWebhooks, tagInteraction } from '../src/index';
import { type Envelope, sink, summary } from './harness';

describe('tagInteraction', () => {
  it('sees sends made through contexts cloned from the turn, as dialogs and skills do', async () => {
    const { hooks, events } = await sink();
    const adapter = new TestAdapter(async (context) => {
      const child = new TurnContext(context);
      tagInteraction(child, 'support');
      await child.sendActivity('from a component');
    });
    attachWebhooks(adapter, hooks);

    await adapter.send('help').startTest();

    const received = await events();
    expect(received.map(summary)).toEqual(['message.received help', 'message.sent from a component']);
    expect(received[1]?.data.interaction).toBe('support');
  });

  it('keeps the interaction of each turn to itself when turns overlap', async () => {
    const { hooks, events } = await sink();
    let releaseTagged: () => void = () => undefined;
    const taggedWaits = new Promise<void>((resolve) => {
      releaseTagged = resolve;
    });
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      if (context.activity.text === 'order') {
        tagInteraction(context, 'order');
        await taggedWaits;
      }
      await context.sendActivity(`answer to ${context.activity.text}`);
      await next();
    });
    const adapter = new TestAdapter((context) => bot.run(context));
    attachWebhooks(adapter, hooks);

    const tagged = adapter.processActivity({ type: 'message', text: 'order' });
    await adapter.processActivity({ type: 'message', text: 'other' });
    releaseTagged();
    await tagged;

    const byText = new Map((await events()).map((event): [string, Envelope] => [summary(event), event]));
    expect(byText.get('message.sent answer to other')?.data.interaction).toBeUndefined();
    expect(byText.get('message.received other')?.data.interaction).toBeUndefined();
    expect(byText.get('message.sent answer to order')?.data.interaction).toBe('order');
  });
});
