import type { MessageEvent, MessageEventType, Platform, Webhooks } from '@bothooks/core';
import type { Receiver } from '../receiver';

/** The adapter options the suite attaches with. */
export interface ContractOptions {
  events?: MessageEventType[];
  includeText?: boolean;
}

/** A running bot with the adapter under test attached. */
export interface ContractBot {
  /**
   * A user sends `text` (in `conversationId`, or the harness's default conversation); resolves when the
   * framework has finished handling it, as the bot's own code would observe.
   */
  userSends(text: string, options?: { conversationId?: string }): Promise<void>;
  /** Errors that reached the framework's own error handler (`onTurnError`, `bot.catch`, an `error` listener). */
  readonly frameworkErrors: unknown[];
  /**
   * A credential that must never appear in an event: the bot's token, or, for an adapter that never holds one
   * (Bot Framework), a bearer token as the channel's errors may quote it (`Bearer eyJ…`).
   */
  readonly credential: string;
  /** Makes the fake platform refuse the bot's next send with HTTP 403 and `description` as its error text. */
  refuseNextSend(description: string): void;
  /** Calls `attachWebhooks` again with the same bot and `Webhooks`, and returns what it returned. */
  attachAgain(options?: ContractOptions): () => void;
  /** The `detach()` of the attachment `start()` made. */
  detach(): void;
  close(): Promise<void>;
}

/** How the contract suite drives one adapter. */
export interface AdapterContract {
  /** The adapter's name, used in test titles. */
  name: string;
  platform: Platform;
  /** The adapter's `source` in error reports (`telegraf`, `botbuilder`, `discordjs`). */
  source: string;
  /**
   * Starts a real bot against the adapter's fake platform, attached to `hooks` with `options`
   * (`attachWebhooks(bot, hooks, options)`). The bot must:
   * - answer any other text with `echo: <text>`;
   * - on `edit me`: send `original`, then edit that message to `edited`;
   * - on `delete me`: send `temporary`, then delete that message;
   * - on `tag <name>`: tag its turn with the interaction `<name>`, then answer `tagged <name>` when
   *   `tagInteraction` returned true and `not tagged <name>` when it returned false;
   * - on `rich`: answer with a message carrying an attachment titled `Secret title` with the summary
   *   `Secret summary` (a card, an embed, a venue: whatever the platform has);
   * - on `fail`: send `about to fail`, then throw `new Error('contract failure')` from its handler.
   * The framework's error handler must record the error in `frameworkErrors` and send nothing.
   */
  start(hooks: Webhooks, options: ContractOptions): Promise<ContractBot>;
}

export type Envelope = MessageEvent;

/** A started bot, its `Webhooks` and the receiver behind them. */
export interface ContractSetup {
  receiver: Receiver;
  hooks: Webhooks;
  bot: ContractBot;
  /** Flushes, then returns what `path` received, in arrival order. */
  delivered(path?: string): Promise<Envelope[]>;
}

/** Starts a bot for one test; everything is closed after it. */
export type StartContractBot = (options?: {
  scoped?: boolean;
  ordering?: 'none' | 'conversation';
  attach?: ContractOptions;
}) => Promise<ContractSetup>;

/** `type text` of each event, to compare sequences at a glance. */
export function summary(event: Envelope): string {
  return `${event.type} ${event.data.message.text ?? ''}`.trim();
}
