import type { Account, MessageEvent } from '@bothooks/core';
import type { ChannelFacts } from '../mapping/conversation';

/** A map that forgets its oldest entries past `limit`, so what the adapter remembers never grows with uptime. */
export class RecentMap<TKey, TValue> {
  private readonly entries = new Map<TKey, TValue>();

  constructor(private readonly limit: number) {}

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

  has(key: TKey): boolean {
    return this.entries.has(key);
  }

  delete(key: TKey): void {
    this.entries.delete(key);
  }

  keys(): IterableIterator<TKey> {
    return this.entries.keys();
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * What one attachment remembers across turns: the bot of each workspace, what earlier events said about
 * channels and DMs, the messages already reported (Slack redelivers events, and sends a mention twice), and
 * the tokens to keep out of failure messages.
 */
export class Memory {
  private readonly bots = new RecentMap<string, Account>(1024);
  private lastBot:
    | { account: Account; teamId: string | undefined; enterpriseId: string | undefined }
    | undefined;
  readonly channels = new RecentMap<string, ChannelFacts>(4096);
  readonly dmUsers = new RecentMap<string, Account>(4096);
  /** `event:<event_id>` and `message:<channel>/<ts>` of what was reported, with the event (if published). */
  readonly reported = new RecentMap<string, MessageEvent | undefined>(4096);
  readonly tokens = new RecentMap<string, true>(256);
  /** The markdown of each stream still open (`<channel>/<ts>`), so it is reported whole when it stops. */
  readonly streams = new RecentMap<string, { text: string; threadTs: unknown }>(1024);

  /** The bot answering in a workspace, as this workspace's events last said. */
  rememberBot(account: Account, teamId: string | undefined, enterpriseId: string | undefined): void {
    const key = teamId ?? enterpriseId ?? '';
    const known = this.bots.get(key);
    // A name learnt from a message the bot sent stays when later events only know the id.
    const merged = known?.id === account.id && account.name === undefined ? known : account;
    this.bots.set(key, merged);
    this.lastBot = { account: merged, teamId, enterpriseId };
  }

  /** The bot of `teamId`, else the one seen last (a single-workspace app's `app.client` has no team). */
  bot(teamId: string | undefined): Account | undefined {
    return (teamId !== undefined ? this.bots.get(teamId) : undefined) ?? this.lastBot?.account;
  }

  /** The workspace of the last event, for calls made outside any listener by a client that names none. */
  lastWorkspace(): { teamId?: string; enterpriseId?: string } {
    const last = this.lastBot;
    return {
      ...(last?.teamId !== undefined && { teamId: last.teamId }),
      ...(last?.enterpriseId !== undefined && { enterpriseId: last.enterpriseId }),
    };
  }

  /** Adds the bot's name, from a message it sent, to the account its events gave. */
  learnBotName(teamId: string | undefined, id: string, name: string): void {
    const team = teamId ?? this.lastBot?.teamId;
    const known = this.bots.get(team ?? '');
    if (known?.id === id && known.name === undefined) {
      this.rememberBot(
        { ...known, name },
        team,
        team === this.lastBot?.teamId ? this.lastBot?.enterpriseId : undefined,
      );
    }
  }

  rememberToken(token: unknown): void {
    if (typeof token === 'string' && token !== '') this.tokens.set(token, true);
  }

  clear(): void {
    this.bots.clear();
    this.channels.clear();
    this.dmUsers.clear();
    this.reported.clear();
    this.tokens.clear();
    this.streams.clear();
    this.lastBot = undefined;
  }
}
