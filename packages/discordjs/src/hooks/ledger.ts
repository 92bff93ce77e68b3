import type { Account } from '@bothooks/core';
import type { DiscordTurn } from './state';

/**
 * A set that forgets its oldest entries past `limit`: the ledger only needs to remember messages for as long
 * as their gateway echo can still arrive, and must not grow with the bot's lifetime.
 */
export class RecentSet<TValue> {
  private readonly values = new Set<TValue>();

  constructor(private readonly limit = 4096) {}

  add(value: TValue): void {
    this.values.delete(value);
    this.values.add(value);
    if (this.values.size > this.limit) {
      const oldest = this.values.values().next();
      if (!oldest.done) this.values.delete(oldest.value);
    }
  }

  has(value: TValue): boolean {
    return this.values.has(value);
  }

  delete(value: TValue): void {
    this.values.delete(value);
  }

  clear(): void {
    this.values.clear();
  }
}

/** The same, as a map. */
export class RecentMap<TKey, TValue> {
  private readonly entries = new Map<TKey, TValue>();

  constructor(private readonly limit = 1024) {}

  set(key: TKey, value: TValue): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  get(key: TKey): TValue | undefined {
    return this.entries.get(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** What the adapter remembers of an interaction, to report the replies made through its token. */
export interface InteractionEntry {
  id: string;
  channelId: string;
  guildId: string | null;
  /** The user who interacted: the human side of every reply. */
  user: Account;
  /** The message a component was on; `@original` after an update or a deferred update. */
  sourceMessageId: string | undefined;
  /** The id behind `@original`, once known. */
  originalId: string | undefined;
  /** A deferred reply's first edit is the reply itself: reported as `message.sent`. */
  awaitingFirstEdit: boolean;
  /** Whether the bot answered the interaction through this client. */
  answered: boolean;
  turn: DiscordTurn | undefined;
}

/**
 * The adapter's memory of what this client did through REST, so the gateway's echo of it is not reported a
 * second time: ids sent, edited and deleted, the interactions answered, and the calls still in flight.
 */
export class Ledger {
  readonly sent = new RecentSet<string>();
  readonly edited = new RecentSet<string>();
  /** Marked before the DELETE goes out: its gateway echo may arrive before the HTTP answer. */
  readonly deleted = new RecentSet<string>();
  /** Webhooks this client sends through; their messages' echoes carry the webhook as author. */
  readonly webhooks = new RecentSet<string>();
  /** Interaction tokens are valid for 15 minutes; entries are looked up by id and by token. */
  private readonly interactionsById = new RecentMap<string, InteractionEntry>();
  private readonly interactionsByToken = new RecentMap<string, InteractionEntry>();
  private readonly inflight = new Set<Promise<void>>();

  rememberInteraction(token: string, entry: InteractionEntry): void {
    this.interactionsById.set(entry.id, entry);
    this.interactionsByToken.set(token, entry);
  }

  interaction(key: { id?: string; token?: string }): InteractionEntry | undefined {
    return (
      (key.token !== undefined ? this.interactionsByToken.get(key.token) : undefined) ??
      (key.id !== undefined ? this.interactionsById.get(key.id) : undefined)
    );
  }

  /** Follows a REST call until it settles; never rejects. */
  track(call: Promise<unknown>): void {
    const settled = call.then(
      () => undefined,
      () => undefined,
    );
    this.inflight.add(settled);
    void settled.then(() => this.inflight.delete(settled));
  }

  /** Whether any message call is still waiting for Discord's answer. */
  get busy(): boolean {
    return this.inflight.size > 0;
  }

  /** Resolves once every message call in flight now has settled (later calls are not waited for). */
  settled(): Promise<void> {
    return Promise.all([...this.inflight]).then(() => undefined);
  }

  clear(): void {
    for (const set of [this.sent, this.edited, this.deleted, this.webhooks]) set.clear();
    this.interactionsById.clear();
    this.interactionsByToken.clear();
    this.inflight.clear();
  }
}
