import { MessageFlag, type MessagePayload, type UserPayload } from './payloads';
import { ApiFailure, type InteractionRecord, type MessageInput, type Outcome, type World } from './world';

/** Interaction callback types, as numbered by the Discord API. */
export const CallbackKind = {
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
} as const;

/** Who sends through a webhook route: an interaction's application, or a channel webhook. */
interface WebhookSender {
  author: UserPayload;
  channelId: string;
  /** Stamped on every message it sends; messages of other senders are unknown to it. */
  webhookId: string;
  extras: (flags: number) => Partial<MessagePayload>;
  interaction: InteractionRecord | undefined;
}

function flagsOf(json: Record<string, unknown>): number {
  return typeof json.flags === 'number' ? json.flags : 0;
}

/**
 * `POST /interactions/:id/:token/callback`: the first answer to an interaction. Replies create the
 * `@original` message, deferrals create a loading one, updates edit the message a component is on.
 */
export function interactionCallback(
  world: World,
  interactionId: string,
  token: string,
  input: MessageInput,
  withResponse: boolean,
): Outcome<unknown> {
  const record = world.interactions.get(interactionId);
  if (!record || record.token !== token) throw new ApiFailure(404, 10062, 'Unknown interaction');
  if (record.callbacks.length > 0)
    throw new ApiFailure(400, 40060, 'Interaction has already been acknowledged.');
  const type = Number(input.json.type);
  const data = (input.json.data ?? {}) as Record<string, unknown>;
  const dataInput: MessageInput = { json: data, files: input.files };
  let outcome: Outcome<MessagePayload | undefined> = { body: undefined, dispatches: [] };
  switch (type) {
    case CallbackKind.ChannelMessageWithSource:
    case CallbackKind.DeferredChannelMessageWithSource: {
      const deferred = type === CallbackKind.DeferredChannelMessageWithSource;
      const flags = (flagsOf(data) & MessageFlag.Ephemeral) | (deferred ? MessageFlag.Loading : 0);
      outcome = world.createMessage(
        record.channelId,
        dataInput,
        world.bot,
        world.interactionMessageExtras(record, flags),
        {
          allowEmpty: deferred,
        },
      );
      record.originalId = outcome.body?.id;
      record.ephemeral = (flags & MessageFlag.Ephemeral) !== 0;
      break;
    }
    case CallbackKind.UpdateMessage:
    case CallbackKind.DeferredUpdateMessage: {
      if (!record.sourceMessageId) throw new ApiFailure(400, 40060, 'Interaction has no message to update');
      record.originalId = record.sourceMessageId;
      if (type === CallbackKind.UpdateMessage) {
        outcome = world.editMessage(record.channelId, record.sourceMessageId, dataInput, world.bot.id);
      }
      break;
    }
    default:
      break;
  }
  record.callbacks.push(type);
  if (!withResponse) return { body: undefined, dispatches: outcome.dispatches };
  const message = outcome.body;
  return {
    body: {
      interaction: {
        id: record.id,
        type: record.type,
        ...(record.originalId !== undefined && {
          response_message_id: record.originalId,
          response_message_loading: type === CallbackKind.DeferredChannelMessageWithSource,
          response_message_ephemeral: record.ephemeral,
        }),
      },
      ...(message ? { resource: { type, message } } : { resource: { type } }),
    },
    dispatches: outcome.dispatches,
  };
}

function senderFor(world: World, webhookId: string, token: string): WebhookSender {
  if (webhookId === world.applicationId) {
    const interaction = world.interactionByToken(token);
    if (interaction) {
      return {
        author: world.bot,
        channelId: interaction.channelId,
        webhookId: world.applicationId,
        extras: (flags) => world.interactionMessageExtras(interaction, flags, true),
        interaction,
      };
    }
  }
  const webhook = world.webhooks.get(webhookId);
  if (!webhook || webhook.token !== token) throw new ApiFailure(404, 10015, 'Unknown Webhook');
  return {
    author: world.webhookAuthor(webhook),
    channelId: webhook.channelId,
    webhookId: webhook.id,
    extras: (flags) => ({ webhook_id: webhook.id, flags }),
    interaction: undefined,
  };
}

function targetChannel(world: World, sender: WebhookSender, query: URLSearchParams): string {
  const threadId = query.get('thread_id');
  if (!threadId) return sender.channelId;
  const thread = world.channel(threadId);
  if (thread.parent_id !== sender.channelId)
    throw new ApiFailure(400, 220001, 'thread_id is not a thread of this channel');
  return threadId;
}

/** `POST /webhooks/:id/:token`: a channel webhook's message, or an interaction's follow-up. */
export function executeWebhook(
  world: World,
  webhookId: string,
  token: string,
  input: MessageInput,
  query: URLSearchParams,
): Outcome<MessagePayload | undefined> {
  const sender = senderFor(world, webhookId, token);
  if (sender.interaction && sender.interaction.callbacks.length === 0) {
    throw new ApiFailure(404, 10015, 'Unknown Webhook');
  }
  const original = sender.interaction?.originalId
    ? world.findMessage(sender.interaction.originalId)
    : undefined;
  if (original && original.flags & MessageFlag.Loading) {
    // Discord's documented (deprecated) behaviour: the first follow-up after a deferred reply fills it in.
    const outcome = world.editMessage(original.channel_id, original.id, input, world.bot.id);
    return query.get('wait') === 'true' ? outcome : { body: undefined, dispatches: outcome.dispatches };
  }
  const flags = flagsOf(input.json) & MessageFlag.Ephemeral;
  const outcome = world.createMessage(
    targetChannel(world, sender, query),
    input,
    sender.author,
    sender.extras(flags),
  );
  return query.get('wait') === 'true' ? outcome : { body: undefined, dispatches: outcome.dispatches };
}

/** Resolves `@original` or an id to a message this webhook sent. */
function webhookMessage(
  world: World,
  sender: WebhookSender,
  messageId: string,
  query: URLSearchParams,
): MessagePayload {
  const id = messageId === '@original' ? sender.interaction?.originalId : messageId;
  if (!id) throw new ApiFailure(404, 10008, 'Unknown Message');
  const message = world.message(targetChannel(world, sender, query), id);
  const mine = sender.interaction
    ? message.interaction_metadata?.id === sender.interaction.id || id === sender.interaction.originalId
    : message.webhook_id === sender.webhookId;
  if (!mine) throw new ApiFailure(404, 10008, 'Unknown Message');
  return message;
}

export function getWebhookMessage(
  world: World,
  webhookId: string,
  token: string,
  messageId: string,
  query: URLSearchParams,
): MessagePayload {
  const sender = senderFor(world, webhookId, token);
  return structuredClone(webhookMessage(world, sender, messageId, query));
}

export function editWebhookMessage(
  world: World,
  webhookId: string,
  token: string,
  messageId: string,
  input: MessageInput,
  query: URLSearchParams,
): Outcome<MessagePayload> {
  const sender = senderFor(world, webhookId, token);
  const message = webhookMessage(world, sender, messageId, query);
  const editor = sender.interaction ? world.bot.id : sender.webhookId;
  return world.editMessage(message.channel_id, message.id, input, editor);
}

export function deleteWebhookMessage(
  world: World,
  webhookId: string,
  token: string,
  messageId: string,
  query: URLSearchParams,
): Outcome<undefined> {
  const sender = senderFor(world, webhookId, token);
  const message = webhookMessage(world, sender, messageId, query);
  return world.deleteMessage(message.channel_id, message.id);
}
