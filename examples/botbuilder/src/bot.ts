import { tagInteraction } from '@bothooks/botbuilder';
import { ActivityHandler, type ConversationReference, TurnContext } from 'botbuilder';

/**
 * A small shop assistant. Every message it receives and everything it sends, edits or deletes is reported by
 * bothooks without a line of webhook code in here; only `tagInteraction` marks the order conversations.
 */
export class ShopBot extends ActivityHandler {
  /** The conversations to notify proactively, by conversation id. */
  readonly references = new Map<string, Partial<ConversationReference>>();

  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const reference = TurnContext.getConversationReference(context.activity);
      if (reference.conversation?.id) this.references.set(reference.conversation.id, reference);
      const text = (context.activity.text ?? '').trim();

      if (text === 'order') {
        tagInteraction(context, 'order');
        await context.sendActivity('Order #42: two items, shipped yesterday.');
      } else if (text === 'status') {
        const sent = await context.sendActivity('Checking the courier…');
        await context.updateActivity({
          id: sent?.id,
          type: 'message',
          text: 'Your parcel arrives on Friday.',
        });
      } else if (text === 'oops') {
        const sent = await context.sendActivity('This message deletes itself.');
        await context.deleteActivity(sent?.id ?? '');
      } else if (text === 'crash') {
        throw new Error('the order service is down');
      } else {
        await context.sendActivity(`You said "${text}". Try: order, status, oops, crash.`);
      }
      await next();
    });
  }
}
