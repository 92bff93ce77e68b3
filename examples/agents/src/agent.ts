import { tagInteraction } from '@bothooks/agents';
import {
  AgentApplication,
  type CloudAdapter,
  MessageFactory,
  type TurnContext,
  type TurnState,
} from '@microsoft/agents-hosting';

/** Where the agent can write later: `activity.getConversationReference()`. */
export type Reference = Parameters<CloudAdapter['continueConversation']>[1];

/**
 * A small shop assistant. Every message it receives and everything it sends, edits or deletes is reported by
 * bothooks without a line of webhook code in here; only `tagInteraction` marks the order conversations.
 */
export class ShopAgent extends AgentApplication<TurnState> {
  /** The conversations to notify proactively, by conversation id. */
  readonly references = new Map<string, Reference>();

  constructor() {
    super();
    this.onMessage('order', async (context) => {
      tagInteraction(context, 'order');
      await context.sendActivity('Order #42: two items, shipped yesterday.');
    });
    this.onMessage('status', async (context) => {
      const sent = await context.sendActivity('Checking the courier…');
      const update = MessageFactory.text('Your parcel arrives on Friday.');
      update.id = sent?.id;
      await context.updateActivity(update);
    });
    this.onMessage('oops', async (context) => {
      const sent = await context.sendActivity('This message deletes itself.');
      await context.deleteActivity(sent?.id ?? '');
    });
    this.onMessage('crash', async () => {
      throw new Error('the order service is down');
    });
    this.onActivity('message', async (context) => {
      const text = (context.activity.text ?? '').trim();
      await context.sendActivity(`You said "${text}". Try: order, status, oops, crash.`);
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const reference = context.activity.getConversationReference();
    if (context.activity.type === 'message' && reference.conversation?.id) {
      this.references.set(reference.conversation.id, reference);
    }
    return super.run(context);
  }
}
