import type { Activity, ConversationReference } from 'botbuilder';

/** The accounts and conversation {@link createUserActivity} uses unless told otherwise. */
export const DEFAULT_USER = { id: 'user-1', name: 'Ada Lovelace', role: 'user' } as const;
export const DEFAULT_BOT = { id: 'bot-1', name: 'Test Bot', role: 'bot' } as const;
export const DEFAULT_CONVERSATION_ID = 'conversation-1';

let sequence = 0;

/**
 * Builds the activity a channel POSTs to a bot when a user writes: a `message` from {@link DEFAULT_USER} to
 * {@link DEFAULT_BOT} on the `webchat` channel, whose replies go to `serviceUrl`. Every call gets a new `id`.
 *
 * @example
 * ```ts
 * await host.post(createUserActivity(connector.serviceUrl, { text: 'hello' }));
 * ```
 */
export function createUserActivity(serviceUrl: string, overrides: Partial<Activity> = {}): Partial<Activity> {
  sequence += 1;
  return {
    type: 'message',
    id: `user-activity-${sequence}`,
    timestamp: new Date(),
    channelId: 'webchat',
    serviceUrl,
    from: { ...DEFAULT_USER },
    recipient: { ...DEFAULT_BOT },
    conversation: { id: DEFAULT_CONVERSATION_ID, isGroup: false, conversationType: 'personal', name: '' },
    locale: 'en-US',
    ...overrides,
  };
}

/** The reference a bot keeps to write to a conversation later (`continueConversationAsync`). */
export function createConversationReference(
  serviceUrl: string,
  overrides: Partial<ConversationReference> = {},
): ConversationReference {
  return {
    channelId: 'webchat',
    serviceUrl,
    user: { ...DEFAULT_USER },
    bot: { ...DEFAULT_BOT },
    conversation: { id: DEFAULT_CONVERSATION_ID, isGroup: false, conversationType: 'personal', name: '' },
    locale: 'en-US',
    ...overrides,
  };
}
