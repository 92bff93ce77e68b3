import type { Account, Message as EventMessage, MessageEventData, MessageEventType } from '@bothooks/core';
import type { InternalRequest } from 'discord.js';
import { accountFromPayload } from '../mapping/accounts';
import { type ChannelFacts, conversationOf } from '../mapping/conversation';
import { failureFacts } from '../mapping/failure';
import { type ApiMessage, isApiMessage, messageEventData, messageFromPayload } from '../mapping/message';
import { callbackData, callbackMessage, messageFromRequest } from '../mapping/request';
import { CallbackType, classifyRequest, type MessageRoute } from '../mapping/routes';
import type { InteractionEntry } from './ledger';
import type { AdapterState, DiscordTurn } from './state';

/** A REST call being watched: what it targets and the turn it was made in. */
export interface OutboundCall {
  route: MessageRoute;
  request: InternalRequest;
  turn: DiscordTurn | undefined;
  entry: InteractionEntry | undefined;
  /** The message the call targets, when the route or the ledger names it. */
  targetId: string | undefined;
  /** Where the message went, when Discord's answer says more than the cache (a new forum post's thread). */
  channel?: ChannelFacts;
}

/** What the bot tried: a deferred reply's first edit is the reply being sent. */
function operationOf(call: OutboundCall): 'send' | 'edit' | 'delete' {
  const route = call.route;
  switch (route.kind) {
    case 'channel-message-edit':
      return 'edit';
    case 'webhook-message-edit':
      return call.entry?.awaitingFirstEdit &&
        (route.messageId === '@original' || route.messageId === call.entry.originalId)
        ? 'send'
        : 'edit';
    case 'channel-message-delete':
    case 'channel-bulk-delete':
    case 'webhook-message-delete':
      return 'delete';
    case 'interaction-callback':
      return route.callbackType === CallbackType.UpdateMessage ? 'edit' : 'send';
    default:
      return 'send';
  }
}

/** Whether a webhook-message route targets the interaction's first response. */
function isOriginal(call: OutboundCall): boolean {
  const route = call.route;
  if (!('messageId' in route) || !('token' in route)) return false;
  return route.messageId === '@original' || route.messageId === call.entry?.originalId;
}

function tokenOf(route: MessageRoute): string | undefined {
  return 'token' in route ? route.token : undefined;
}

function uploadsOf(request: InternalRequest): { name: string; contentType?: string | undefined }[] {
  return (request.files ?? []).map((file) => ({ name: file.name, contentType: file.contentType }));
}

/**
 * The outbound half: watches every `client.rest.request` call that creates, edits or deletes a message and
 * reports it once Discord has answered, with the id Discord gave the message.
 */
export function createOutbound(state: AdapterState): {
  plan(request: InternalRequest): OutboundCall | undefined;
  succeeded(call: OutboundCall, result: unknown): void;
  failed(call: OutboundCall, error: unknown): void;
} {
  const { ledger, publisher } = state;

  const targetOf = (route: MessageRoute, entry: InteractionEntry | undefined): string | undefined => {
    switch (route.kind) {
      case 'channel-message-edit':
      case 'channel-message-delete':
        return route.messageId;
      case 'webhook-message-edit':
      case 'webhook-message-delete':
      case 'webhook-message-fetch':
        return route.messageId === '@original' ? entry?.originalId : route.messageId;
      case 'interaction-callback':
        return route.callbackType === CallbackType.UpdateMessage ? entry?.sourceMessageId : undefined;
      default:
        return undefined;
    }
  };

  /** The human in the conversation: the interacting user, the turn's user, the DM recipient, the replied author. */
  const userFor = (call: OutboundCall, channelId: string, payload?: ApiMessage): Account | undefined => {
    if (call.entry) return call.entry.user;
    const facts = call.turn?.facts;
    if (facts?.user && facts.channelId === channelId) return facts.user;
    const recipient = state.dmRecipient(channelId);
    if (recipient) return recipient;
    const replied = payload?.referenced_message?.author;
    return replied && !replied.bot ? accountFromPayload(replied) : undefined;
  };

  const channelOf = (call: OutboundCall, payload?: ApiMessage): ChannelFacts => {
    if (call.channel) return call.channel;
    const route = call.route;
    const channelId =
      payload?.channel_id ??
      ('channelId' in route ? route.channelId : undefined) ??
      call.entry?.channelId ??
      '';
    return state.channel(channelId, payload?.guild_id ?? call.entry?.guildId);
  };

  const publish = (
    type: MessageEventType,
    call: OutboundCall,
    message: EventMessage,
    payload?: ApiMessage,
    timestamp?: string | null,
  ): void => {
    const channel = channelOf(call, payload);
    const data: MessageEventData = messageEventData(
      'outbound',
      {
        bot: state.bot(payload?.author),
        conversation: conversationOf(channel),
        user: userFor(call, channel.id, payload),
      },
      message,
    );
    state.publish(type, data, { turn: call.turn, timestamp: timestamp ?? new Date() });
  };

  const sent = (call: OutboundCall, payload: ApiMessage): void => {
    ledger.sent.add(payload.id);
    if (publisher.wants('message.sent'))
      publish('message.sent', call, messageFromPayload(payload), payload, payload.timestamp);
  };

  const edited = (call: OutboundCall, payload: ApiMessage): void => {
    // An edit of `@original` names its message only in the answer: expect its echo from now on.
    if (payload.id !== call.targetId) ledger.edited.add(payload.id);
    if (publisher.wants('message.edited')) {
      publish('message.edited', call, messageFromPayload(payload), payload, payload.edited_timestamp);
    }
  };

  const deleted = (call: OutboundCall, message: EventMessage): void => {
    if (publisher.wants('message.deleted')) publish('message.deleted', call, message);
  };

  const interactionAnswered = (
    call: OutboundCall,
    route: Extract<MessageRoute, { kind: 'interaction-callback' }>,
    result: unknown,
  ): void => {
    const entry = call.entry;
    const message = callbackMessage(result);
    if (entry && message) entry.originalId = message.id;
    switch (route.callbackType) {
      case CallbackType.ChannelMessageWithSource:
        if (message) sent(call, message);
        else if (publisher.wants('message.sent')) {
          // Without `withResponse`, Discord answers 204: the reply is known from the request alone.
          publish(
            'message.sent',
            call,
            messageFromRequest(callbackData(call.request.body), uploadsOf(call.request)),
          );
        }
        return;
      case CallbackType.DeferredChannelMessageWithSource:
        if (entry) entry.awaitingFirstEdit = true;
        return;
      case CallbackType.DeferredMessageUpdate:
        if (entry) entry.originalId = entry.sourceMessageId;
        return;
      case CallbackType.UpdateMessage: {
        if (entry) entry.originalId = entry.sourceMessageId;
        if (message) edited(call, message);
        else if (publisher.wants('message.edited')) {
          const update = messageFromRequest(
            callbackData(call.request.body),
            uploadsOf(call.request),
            call.targetId,
          );
          publish('message.edited', call, update);
        }
        return;
      }
      default:
        return;
    }
  };

  const webhookEdited = (
    call: OutboundCall,
    route: Extract<MessageRoute, { kind: 'webhook-message-edit' }>,
    payload: ApiMessage,
  ): void => {
    const entry = call.entry;
    const original = route.messageId === '@original' || payload.id === entry?.originalId;
    if (entry && original) entry.originalId = payload.id;
    if (entry && original && entry.awaitingFirstEdit) {
      // A deferred reply shows "thinking…" until its first edit: that edit is the reply being sent.
      entry.awaitingFirstEdit = false;
      if (payload.id !== call.targetId) ledger.edited.add(payload.id);
      sent(call, payload);
      return;
    }
    edited(call, payload);
  };

  return {
    plan: (request) => {
      const route = classifyRequest(request);
      if (!route) return undefined;
      const token = tokenOf(route);
      const entry =
        route.kind === 'interaction-callback'
          ? ledger.interaction({ id: route.interactionId, token: route.token })
          : token !== undefined
            ? ledger.interaction({ token })
            : undefined;
      const call: OutboundCall = {
        route,
        request,
        turn: entry?.turn ?? state.attachment.currentTurn(),
        entry,
        targetId: targetOf(route, entry),
      };
      // Marked before the request goes out: Discord may dispatch the gateway echo before it answers.
      switch (route.kind) {
        case 'channel-message-edit':
        case 'webhook-message-edit':
          if (call.targetId) ledger.edited.add(call.targetId);
          break;
        case 'channel-message-delete':
        case 'webhook-message-delete':
          if (call.targetId) ledger.deleted.add(call.targetId);
          break;
        case 'channel-bulk-delete':
          for (const id of route.messageIds) ledger.deleted.add(id);
          break;
        case 'webhook-execute':
          if (!entry) ledger.webhooks.add(route.webhookId);
          break;
        case 'interaction-callback':
          if (entry) entry.answered = true;
          if (call.targetId) ledger.edited.add(call.targetId);
          break;
        default:
          break;
      }
      return call;
    },

    succeeded: (call, result) => {
      const route = call.route;
      const payload = isApiMessage(result) ? result : undefined;
      switch (route.kind) {
        case 'channel-message-create':
          if (payload) sent(call, payload);
          return;
        case 'thread-create': {
          // A forum post: the new thread is the conversation (not cached yet), its starter message the message.
          const thread = (result ?? {}) as {
            id?: unknown;
            type?: unknown;
            name?: unknown;
            guild_id?: unknown;
            message?: unknown;
          };
          if (!isApiMessage(thread.message)) return;
          call.channel = {
            id: thread.message.channel_id,
            ...(typeof thread.type === 'number' && { type: thread.type }),
            ...(typeof thread.name === 'string' && { name: thread.name }),
            ...(typeof thread.guild_id === 'string' && { guildId: thread.guild_id }),
          };
          sent(call, thread.message);
          return;
        }
        case 'channel-message-edit':
          if (payload) edited(call, payload);
          return;
        case 'channel-message-delete':
          deleted(call, { id: route.messageId, attachments: [] });
          return;
        case 'channel-bulk-delete':
          deleted(call, { attachments: [], ids: route.messageIds });
          return;
        case 'interaction-callback':
          interactionAnswered(call, route, result);
          return;
        case 'webhook-execute':
          if (
            payload &&
            call.entry?.awaitingFirstEdit &&
            (call.entry.originalId ?? payload.id) === payload.id
          ) {
            // Right after a deferred reply Discord turns a follow-up into the reply itself (documented, deprecated).
            call.entry.awaitingFirstEdit = false;
            call.entry.originalId = payload.id;
          }
          if (payload) sent(call, payload);
          else if (publisher.wants('message.sent')) {
            // `wait=false`: Discord answers 204 and the message id is never known.
            publish('message.sent', call, messageFromRequest(call.request.body, uploadsOf(call.request)));
          }
          return;
        case 'webhook-message-edit':
          if (payload) webhookEdited(call, route, payload);
          return;
        case 'webhook-message-delete':
          if (call.entry?.awaitingFirstEdit && isOriginal(call)) {
            // A deferral ("… is thinking") deleted before its first edit was never reported as sent.
            call.entry.awaitingFirstEdit = false;
            return;
          }
          deleted(call, { ...(call.targetId && { id: call.targetId }), attachments: [] });
          return;
        case 'webhook-message-fetch':
          if (payload && call.entry && route.messageId === '@original') call.entry.originalId = payload.id;
          return;
      }
    },

    failed: (call, error) => {
      const route = call.route;
      // The gateway will not echo what did not happen: stop expecting it.
      if (call.targetId) {
        ledger.edited.delete(call.targetId);
        ledger.deleted.delete(call.targetId);
      }
      if (route.kind === 'channel-bulk-delete') for (const id of route.messageIds) ledger.deleted.delete(id);
      if (route.kind === 'webhook-message-fetch' || !publisher.wants('message.failed')) return;
      if (
        route.kind === 'interaction-callback' &&
        route.callbackType !== CallbackType.ChannelMessageWithSource &&
        route.callbackType !== CallbackType.UpdateMessage
      ) {
        return;
      }
      const body =
        route.kind === 'interaction-callback' ? callbackData(call.request.body) : call.request.body;
      const attempted =
        route.kind === 'channel-bulk-delete'
          ? { attachments: [], ids: route.messageIds }
          : messageFromRequest(
              route.kind.endsWith('delete') ? undefined : body,
              uploadsOf(call.request),
              call.targetId,
            );
      const channel = channelOf(call);
      const data: MessageEventData = {
        ...messageEventData(
          'outbound',
          { bot: state.bot(), conversation: conversationOf(channel), user: userFor(call, channel.id) },
          attempted,
        ),
        error: state.attachment.describeFailure(operationOf(call), error, failureFacts(error)),
      };
      state.publish('message.failed', data, { turn: call.turn });
    },
  };
}
