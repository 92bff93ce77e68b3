/**
 * Which REST calls create, edit or delete a message. Every discord.js structure method ends in
 * `client.rest.request({ method, fullRoute, body, query, files })`; this sorts those calls by route.
 */

/** Interaction callback types that matter here (Discord API `InteractionResponseType`). */
export const CallbackType = {
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredMessageUpdate: 6,
  UpdateMessage: 7,
} as const;

/** A REST call that touches a message, with the ids its route names. */
export type MessageRoute =
  | { kind: 'channel-message-create'; channelId: string }
  | { kind: 'channel-message-edit'; channelId: string; messageId: string }
  | { kind: 'channel-message-delete'; channelId: string; messageId: string }
  | { kind: 'channel-bulk-delete'; channelId: string; messageIds: string[] }
  /** A forum or media post: a new thread whose starter message is in the result. */
  | { kind: 'thread-create'; channelId: string }
  | { kind: 'interaction-callback'; interactionId: string; token: string; callbackType: number }
  | { kind: 'webhook-execute'; webhookId: string; token: string }
  /** `messageId` is an id or `@original` (an interaction's first response). */
  | { kind: 'webhook-message-edit'; webhookId: string; token: string; messageId: string }
  | { kind: 'webhook-message-delete'; webhookId: string; token: string; messageId: string }
  /** Not reported: only read to learn the id behind `@original`. */
  | { kind: 'webhook-message-fetch'; webhookId: string; token: string; messageId: string };

/** The parts of `InternalRequest` the classification reads. */
export interface RequestFacts {
  method: string;
  fullRoute: string;
  body?: unknown;
}

const SNOWFLAKE = '(\\d{1,20})';
const TOKEN = '([^/]+)';
const patterns: {
  method: string;
  pattern: RegExp;
  build: (match: string[], body: unknown) => MessageRoute;
}[] = [
  {
    method: 'POST',
    pattern: new RegExp(`^/channels/${SNOWFLAKE}/messages/bulk-delete$`),
    build: ([channelId = ''], body) => ({
      kind: 'channel-bulk-delete',
      channelId,
      messageIds: bulkIds(body),
    }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/channels/${SNOWFLAKE}/messages$`),
    build: ([channelId = '']) => ({ kind: 'channel-message-create', channelId }),
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^/channels/${SNOWFLAKE}/messages/${SNOWFLAKE}$`),
    build: ([channelId = '', messageId = '']) => ({ kind: 'channel-message-edit', channelId, messageId }),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/channels/${SNOWFLAKE}/messages/${SNOWFLAKE}$`),
    build: ([channelId = '', messageId = '']) => ({ kind: 'channel-message-delete', channelId, messageId }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/channels/${SNOWFLAKE}/threads$`),
    build: ([channelId = '']) => ({ kind: 'thread-create', channelId }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/interactions/${SNOWFLAKE}/${TOKEN}/callback$`),
    build: ([interactionId = '', token = ''], body) => ({
      kind: 'interaction-callback',
      interactionId,
      token,
      callbackType: callbackTypeOf(body),
    }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/webhooks/${SNOWFLAKE}/${TOKEN}$`),
    build: ([webhookId = '', token = '']) => ({ kind: 'webhook-execute', webhookId, token }),
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^/webhooks/${SNOWFLAKE}/${TOKEN}/messages/${TOKEN}$`),
    build: ([webhookId = '', token = '', messageId = '']) => ({
      kind: 'webhook-message-edit',
      webhookId,
      token,
      messageId,
    }),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/webhooks/${SNOWFLAKE}/${TOKEN}/messages/${TOKEN}$`),
    build: ([webhookId = '', token = '', messageId = '']) => ({
      kind: 'webhook-message-delete',
      webhookId,
      token,
      messageId,
    }),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/webhooks/${SNOWFLAKE}/${TOKEN}/messages/${TOKEN}$`),
    build: ([webhookId = '', token = '', messageId = '']) => ({
      kind: 'webhook-message-fetch',
      webhookId,
      token,
      messageId,
    }),
  },
];

function bulkIds(body: unknown): string[] {
  const messages = (body as { messages?: unknown } | undefined)?.messages;
  return Array.isArray(messages) ? messages.filter((id): id is string => typeof id === 'string') : [];
}

function callbackTypeOf(body: unknown): number {
  const type = (body as { type?: unknown } | undefined)?.type;
  return typeof type === 'number' ? type : -1;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The body fields that change what a message shows; an edit with none of them only sets flags. */
const VISIBLE_FIELDS = ['content', 'embeds', 'components', 'attachments', 'poll', 'sticker_ids'];

function changesContent(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return true;
  return VISIBLE_FIELDS.some((field) => (body as Record<string, unknown>)[field] !== undefined);
}

/**
 * Classifies a REST call; `undefined` for every call that does not touch a message, and for edits that only
 * change flags (`message.suppressEmbeds()`): the message reads the same afterwards.
 */
export function classifyRequest(request: RequestFacts): MessageRoute | undefined {
  const method = request.method.toUpperCase();
  for (const candidate of patterns) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(request.fullRoute);
    if (!match) continue;
    const route = candidate.build(match.slice(1).map(decodeSegment), request.body);
    const isEdit = route.kind === 'channel-message-edit' || route.kind === 'webhook-message-edit';
    return isEdit && !changesContent(request.body) ? undefined : route;
  }
  return undefined;
}
