import type { MessageEventData } from '@bothooks/core';
import { Events, type Interaction, type Message, type PartialMessage } from 'discord.js';
import { accountFromUser } from '../mapping/accounts';
import { conversationOf } from '../mapping/conversation';
import { interactionUser, receivedInteractionData } from '../mapping/interaction';
import {
  type ApiMessage,
  authorOfPayload,
  authorOfStructure,
  conversationOfStructure,
  isApiMessage,
  messageEventData,
  messageFromPayload,
  messageFromStructure,
  receivedMessageData,
} from '../mapping/message';
import type { DiscordContext } from '../options';
import type { AdapterState, DiscordTurn, TurnFacts } from './state';

interface DeletePayload {
  id?: unknown;
  ids?: unknown;
  channel_id?: unknown;
  guild_id?: unknown;
}

/** Removes `id` from a set of ids this client acted on: a gateway echo is expected once. */
function consume(set: { has(id: string): boolean; delete(id: string): void }, id: string): boolean {
  if (!set.has(id)) return false;
  set.delete(id);
  return true;
}

/**
 * The inbound half: sees every client event as discord.js emits it and turns user messages, interactions,
 * edits and deletes into events. Returns the turn to run the bot's listeners in, when the event starts one.
 */
export function createInbound(state: AdapterState): {
  /** `args` as `emit` got them: the event name, then its arguments. */
  observe(args: readonly unknown[]): DiscordTurn | undefined;
} {
  const { client, ledger, options, attachment } = state;

  const startTurn = (context: DiscordContext, channelId: string, user: TurnFacts['user']) =>
    attachment.beginTurn(context, { channelId, user });

  /** Runs `decide` once every REST call in flight now has answered: the echo may have overtaken it. */
  const afterInflight = (decide: () => void): void => {
    ledger
      .settled()
      .then(() => {
        if (attachment.active) decide();
      })
      .catch((error: unknown) => state.publisher.report(error));
  };

  const cachedMessage = (channelId: string, messageId: string): Message | PartialMessage | undefined => {
    const channel = client.channels.cache.get(channelId);
    if (!channel || !('messages' in channel)) return undefined;
    return channel.messages.cache.get(messageId);
  };

  /** The gateway's copy of a message the bot itself sent. */
  const ownMessageCreated = (message: Message): void => {
    const metadata = message.interactionMetadata;
    const entry = metadata ? ledger.interaction({ id: metadata.id }) : undefined;
    if (entry && metadata) {
      // Follow-ups name the original response; the original response is the message itself.
      entry.originalId ??= metadata.originalResponseMessageId ?? message.id;
    }
    if (!options.switches.reportGatewayOnlySends || !state.publisher.wants('message.sent')) {
      ledger.sent.delete(message.id);
      return;
    }
    const sentHere = (): boolean => consume(ledger.sent, message.id) || entry?.answered === true;
    if (sentHere()) return;
    afterInflight(() => {
      if (sentHere()) return;
      const replied = message.mentions.repliedUser;
      const user =
        state.dmRecipient(message.channelId) ??
        (replied && replied.id !== client.user?.id ? accountFromUser(replied) : undefined);
      state.publish(
        'message.sent',
        messageEventData(
          'outbound',
          { bot: state.bot(), conversation: conversationOfStructure(message), user },
          messageFromStructure(message),
        ),
        { context: message, timestamp: message.createdAt },
      );
    });
  };

  const messageCreated = (message: Message): DiscordTurn | undefined => {
    if (message.author?.id === client.user?.id) {
      ownMessageCreated(message);
      return undefined;
    }
    if (consume(ledger.sent, message.id)) return undefined;
    const data: MessageEventData = receivedMessageData(message, state.bot());
    const turn = startTurn(message, message.channelId, data.user);
    if (!turn || !state.publisher.wants('message.received')) return turn;
    const publish = (): void =>
      state.publish('message.received', data, { turn, timestamp: message.createdAt });
    if (message.webhookId && ledger.webhooks.has(message.webhookId) && ledger.busy) {
      // A webhook this client sends through: the echo of its own send may arrive before the REST answer.
      afterInflight(() => {
        if (!consume(ledger.sent, message.id)) publish();
      });
    } else {
      publish();
    }
    return turn;
  };

  const interactionCreated = (interaction: Interaction): DiscordTurn | undefined => {
    const user = interactionUser(interaction);
    const channelId = interaction.channelId ?? '';
    const turn = startTurn(interaction, channelId, user);
    if (!turn) return undefined;
    ledger.rememberInteraction(interaction.token, {
      id: interaction.id,
      channelId,
      guildId: interaction.guildId,
      user,
      sourceMessageId: interaction.isMessageComponent() ? interaction.message.id : undefined,
      originalId: undefined,
      awaitingFirstEdit: false,
      answered: false,
      turn,
    });
    if (!state.publisher.wants('message.received')) return turn;
    const data = receivedInteractionData(interaction, state.bot());
    if (!data) return turn;
    state.publish('message.received', data, { turn, timestamp: interaction.createdAt });
    return turn;
  };

  const messageUpdated = (payload: ApiMessage): void => {
    const cached = cachedMessage(payload.channel_id, payload.id);
    const authorId = payload.author?.id ?? cached?.author?.id;
    const editedAt = payload.edited_timestamp ? Date.parse(payload.edited_timestamp) : undefined;
    // Discord also sends MESSAGE_UPDATE for link previews, pins and flags; only a new edit time is an edit.
    const isEdit = editedAt !== undefined && !Number.isNaN(editedAt) && cached?.editedTimestamp !== editedAt;
    const ownWebhook = payload.webhook_id !== undefined && ledger.webhooks.has(payload.webhook_id);
    if (authorId !== undefined && (authorId === client.user?.id || ownWebhook)) {
      if (consume(ledger.edited, payload.id) || !isEdit) return;
      if (!options.switches.reportGatewayOnlySends || !state.publisher.wants('message.edited')) return;
      afterInflight(() => {
        if (consume(ledger.edited, payload.id)) return;
        const channel = state.channel(payload.channel_id, payload.guild_id);
        const user = state.dmRecipient(payload.channel_id);
        state.publish(
          'message.edited',
          messageEventData(
            'outbound',
            { bot: state.bot(), conversation: conversationOf(channel), user },
            messageFromPayload(payload),
          ),
          { context: cached, timestamp: payload.edited_timestamp },
        );
      });
      return;
    }
    if (!isEdit || !state.publisher.wants('message.edited')) return;
    const channel = state.channel(payload.channel_id, payload.guild_id);
    state.publish(
      'message.edited',
      messageEventData(
        'inbound',
        {
          bot: state.bot(),
          conversation: conversationOf(channel),
          user: authorOfPayload(payload) ?? (cached ? authorOfStructure(cached) : undefined),
        },
        messageFromPayload(payload),
      ),
      { context: cached, timestamp: payload.edited_timestamp },
    );
  };

  /** MESSAGE_DELETE and MESSAGE_DELETE_BULK: reported even for messages discord.js never cached. */
  const messagesDeleted = (payload: DeletePayload): void => {
    if (typeof payload.channel_id !== 'string') return;
    const channelId = payload.channel_id;
    const guildId = typeof payload.guild_id === 'string' ? payload.guild_id : undefined;
    const bulk = Array.isArray(payload.ids);
    const ids = (bulk ? (payload.ids as unknown[]) : [payload.id]).filter(
      (id): id is string => typeof id === 'string',
    );
    const remaining = ids.filter((id) => !consume(ledger.deleted, id));
    if (remaining.length === 0 || !state.publisher.wants('message.deleted')) return;
    // Read now: discord.js drops the messages from its cache right after this packet.
    const cached = remaining.map((id) => cachedMessage(channelId, id));
    const channel = state.channel(channelId, guildId);
    const publish = (): void => {
      const left = remaining.filter((id) => !consume(ledger.deleted, id));
      if (left.length === 0) return;
      const single = !bulk ? cached[0] : undefined;
      const author = single && single.author?.id !== client.user?.id ? authorOfStructure(single) : undefined;
      state.publish(
        'message.deleted',
        messageEventData(
          'inbound',
          { bot: state.bot(), conversation: conversationOf(channel), user: author },
          bulk ? { attachments: [], ids: left } : { id: left[0] as string, attachments: [] },
        ),
        { context: single },
      );
    };
    if (ledger.busy) afterInflight(publish);
    else publish();
  };

  return {
    observe: (args) => {
      switch (args[0]) {
        case Events.MessageCreate:
          return messageCreated(args[1] as Message);
        case Events.InteractionCreate:
          return interactionCreated(args[1] as Interaction);
        case Events.Raw: {
          const packet = args[1] as { t?: unknown; d?: unknown } | undefined;
          if (packet?.t === 'MESSAGE_UPDATE' && isApiMessage(packet.d)) messageUpdated(packet.d);
          else if ((packet?.t === 'MESSAGE_DELETE' || packet?.t === 'MESSAGE_DELETE_BULK') && packet.d) {
            messagesDeleted(packet.d as DeletePayload);
          }
          return undefined;
        }
        default:
          return undefined;
      }
    },
  };
}
