import type { Account } from '@bothooks/core';
import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import { record, text } from '../mapping/fields';
import { type BodyFacts, type BotSelf, bodyFacts, mapInbound } from '../mapping/inbound';
import type { SlackContext } from '../options';
import type { Outbound } from './outbound';
import type { AdapterState, SlackTurn } from './state';

/** What a global middleware gets from Bolt. */
export type MiddlewareArgs = AnyMiddlewareArgs & AllMiddlewareArgs;

/** The inbound half: turns begun from delivered bodies, and their events once Bolt has authorised them. */
export interface Inbound {
  /** Begins the turn of a delivery; undefined when these webhooks observe that body already. */
  beginTurn(body: SlackContext): SlackTurn | undefined;
  /**
   * Reports the delivery of `turn` from the middleware arguments Bolt builds for it: the authorised bot
   * (`context.botUserId`), the client its listeners get (watched from now on), and the inbound event, unless it
   * is the bot's own echo or a delivery already reported (a retry, or the `app_mention` of a message).
   */
  observe(args: MiddlewareArgs, turn: SlackTurn): void;
}

function botAccount(self: BotSelf, body: Record<string, unknown>): Account {
  const authorization = Array.isArray(body.authorizations) ? record(body.authorizations[0]) : undefined;
  const id =
    self.userId ??
    self.botId ??
    (authorization?.is_bot === true ? text(authorization.user_id) : undefined) ??
    text(body.api_app_id) ??
    'unknown';
  return { id };
}

export function createInbound(state: AdapterState, outbound: Outbound): Inbound {
  const { attachment, memory } = state;
  const { publisher } = attachment;

  const learn = (facts: BodyFacts): void => {
    const channel = facts.channel;
    if (!channel) return;
    const known = memory.channels.get(channel.id);
    memory.channels.set(channel.id, {
      id: channel.id,
      type: channel.type ?? known?.type,
      name: channel.name ?? known?.name,
    });
    if (channel.type === 'im' && facts.user) memory.dmUsers.set(channel.id, facts.user);
  };

  return {
    beginTurn: (body) => {
      const facts = bodyFacts(body as unknown as Record<string, unknown>);
      const turn = attachment.beginTurn(body, { body: facts, bot: undefined, self: {} });
      if (turn) for (const url of facts.responseUrls) state.responseTurns.set(url, turn);
      return turn;
    },
    observe: (args, turn) => {
      const { context, client } = args;
      const body = args.body as unknown as Record<string, unknown>;
      if (client) {
        // A function execution gets a client of its own (Bolt's `attachFunctionToken`); every other client lasts.
        const ephemeral =
          context.functionBotAccessToken !== undefined && client.token === context.functionBotAccessToken;
        outbound.watchClient(client, !ephemeral);
      }
      memory.rememberToken(context.botToken);
      memory.rememberToken(context.userToken);
      const self: BotSelf = { userId: context.botUserId, botId: context.botId };
      const facts = turn.facts.body;
      const bot = memory.bot(facts.scope.teamId);
      const account = botAccount(self, body);
      turn.facts.bot = bot?.id === account.id ? bot : account;
      turn.facts.self = self;
      memory.rememberBot(turn.facts.bot, facts.scope.teamId, facts.scope.enterpriseId);
      learn(facts);

      const eventKey = facts.eventId !== undefined ? `event:${facts.eventId}` : undefined;
      if (eventKey !== undefined && memory.reported.has(eventKey)) {
        // Slack redelivers an event it saw no acknowledgement for in time (`x-slack-retry-num`): the listeners
        // run again, and what they send is reported, but the message was received once.
        turn.inbound = memory.reported.get(eventKey);
        return;
      }
      const mapped = mapInbound(body, turn.facts.bot, self);
      const messageKey = mapped?.key !== undefined ? `message:${mapped.key}` : undefined;
      if (
        mapped?.type === 'message.received' &&
        messageKey !== undefined &&
        memory.reported.has(messageKey)
      ) {
        turn.inbound = memory.reported.get(messageKey);
      } else if (mapped) {
        publisher.publish(mapped.type, mapped.data, { turn, timestamp: mapped.timestamp });
        if (messageKey !== undefined && mapped.type === 'message.received')
          memory.reported.set(messageKey, turn.inbound);
      }
      if (eventKey !== undefined) memory.reported.set(eventKey, turn.inbound);
    },
  };
}
