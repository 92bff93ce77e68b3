import type { Account } from '@bothooks/core';
import type { AdapterAttachment, Turn } from '@bothooks/core/adapter';
import type { BodyFacts, BotSelf } from '../mapping/inbound';
import type { SlackContext } from '../options';
import type { Memory, RecentMap } from './memory';

/**
 * What a turn (the handling of one delivery from Slack) remembers: what its body said, and the bot that
 * answers it, which Bolt's authorization gives once the delivery reaches the middleware.
 */
export interface TurnFacts {
  readonly body: BodyFacts;
  bot: Account | undefined;
  self: BotSelf;
}

export type SlackTurn = Turn<SlackContext, TurnFacts>;

/** What the inbound and outbound halves of one attachment share. */
export interface AdapterState {
  readonly attachment: AdapterAttachment<SlackContext, TurnFacts>;
  readonly memory: Memory;
  /** The turns whose `response_url`s `respond()` posts to, by URL. */
  readonly responseTurns: RecentMap<string, SlackTurn>;
}
