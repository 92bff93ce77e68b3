/** A Web API refusal, as Slack answers it: `ok: false` with an error name. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly httpStatus = 200,
  ) {
    super(error);
  }
}

/** A channel the fake knows, with the fields `conversations.info` answers. */
export interface FakeChannel {
  id: string;
  name?: string;
  /** `channel` (public), `group` (private), `im` (DM), `mpim` (group DM). */
  type: 'channel' | 'group' | 'im' | 'mpim';
  /** The other member of a DM. */
  user?: string;
}

/** A person in the fake workspace. */
export interface FakeUser {
  id: string;
  /** The handle (`user_name` of slash commands, `username` of interactions). */
  name: string;
  realName: string;
}

/** A message the fake holds, as the Web API returns it. */
export type StoredMessage = Record<string, unknown> & { ts: string; channel: string };

/** The fake workspace: its bot, people, channels and messages. */
export class SlackState {
  readonly channels = new Map<string, FakeChannel>();
  readonly users = new Map<string, FakeUser>();
  /** The `bot_access_token`s of function executions: valid bot tokens for as long as the fake runs. */
  readonly functionTokens = new Set<string>();
  /** Files uploaded to an upload URL, by file id, waiting for `files.completeUploadExternal`. */
  readonly uploads = new Map<string, { size: number }>();
  private readonly messages = new Map<string, StoredMessage>();
  private counter = 0;
  private lastSecond = 0;

  constructor(
    readonly team: { id: string; domain: string; name: string; enterpriseId: string | undefined },
    readonly bot: { userId: string; botId: string; appId: string; name: string },
  ) {}

  /** A fresh message timestamp: Unix seconds and a six-digit sequence, unique in the workspace. */
  nextTs(): string {
    const second = Math.max(Math.floor(Date.now() / 1000), this.lastSecond);
    if (second !== this.lastSecond) {
      this.lastSecond = second;
      this.counter = 0;
    }
    this.counter += 1;
    return `${second}.${String(this.counter).padStart(6, '0')}`;
  }

  /** The channel a message may be posted to: a DM is opened when `channel` is a user id. */
  resolveChannel(channel: unknown): FakeChannel {
    if (typeof channel !== 'string' || channel === '') throw new SlackApiError('channel_not_found');
    const known = this.channels.get(channel);
    if (known) return known;
    if (this.users.has(channel)) {
      const existing = [...this.channels.values()].find(
        (entry) => entry.type === 'im' && entry.user === channel,
      );
      if (existing) return existing;
      const dm: FakeChannel = { id: `D${channel.slice(1)}`, type: 'im', user: channel };
      this.channels.set(dm.id, dm);
      return dm;
    }
    throw new SlackApiError('channel_not_found');
  }

  save(message: StoredMessage): StoredMessage {
    this.messages.set(`${message.channel}/${message.ts}`, message);
    return message;
  }

  find(channel: string, ts: unknown): StoredMessage | undefined {
    return typeof ts === 'string' ? this.messages.get(`${channel}/${ts}`) : undefined;
  }

  remove(channel: string, ts: string): boolean {
    return this.messages.delete(`${channel}/${ts}`);
  }

  /** The `bot_profile` Slack puts on every message an app posts. */
  botProfile(): Record<string, unknown> {
    return {
      id: this.bot.botId,
      app_id: this.bot.appId,
      name: this.bot.name,
      deleted: false,
      team_id: this.team.id,
      icons: { image_36: 'https://a.slack-edge.com/80588/img/plugins/app/bot_36.png' },
    };
  }
}

/** The person who talks to the bot in the fake workspace, unless a test says otherwise. */
export const FAKE_USER: FakeUser = { id: 'U0FAKEADA', name: 'ada', realName: 'Ada Lovelace' };

/** The channels of the fake workspace. */
export const FAKE_CHANNELS = {
  general: { id: 'C0FAKEGENERAL', name: 'general', type: 'channel' },
  private: { id: 'G0FAKEPRIVATE', name: 'secret-plans', type: 'group' },
  dm: { id: 'D0FAKEADA', type: 'im', user: FAKE_USER.id },
} as const satisfies Record<string, FakeChannel>;
