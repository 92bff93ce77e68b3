import { formProblemMessage, formProblems } from './limits';
import {
  type AttachmentPayload,
  ChannelKind,
  type ChannelPayload,
  copy,
  type EmbedPayload,
  type GatewayMessagePayload,
  type InteractionMetadataPayload,
  type MemberPayload,
  MessageFlag,
  MessageKind,
  type MessagePayload,
  memberPayload,
  type UserPayload,
  userPayload,
} from './payloads';
import { createSnowflakes, snowflakeTime } from './snowflakes';

/** A gateway event the world wants sent, with what the gateway needs to filter it by intents. */
export interface Dispatch {
  event: string;
  data: Record<string, unknown>;
  /** Set for message events: which intent they need and whether MESSAGE_CONTENT hides their content. */
  message?: { inGuild: boolean; contentHidden: boolean };
}

/** A Discord API error: the HTTP status and Discord's JSON error code. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** A file uploaded with a multipart request. */
export interface UploadedFile {
  /** The form field, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string | undefined;
  bytes: Buffer;
}

/** A message body as sent to Discord (`content`, `embeds`, `message_reference`, ...), plus its uploads. */
export interface MessageInput {
  json: Record<string, unknown>;
  files: UploadedFile[];
}

/** What the fake remembers of an interaction it dispatched. */
export interface InteractionRecord {
  id: string;
  token: string;
  /** 2 application command, 3 component, 4 autocomplete, 5 modal submit. */
  type: number;
  channelId: string;
  guildId: string | undefined;
  user: UserPayload;
  commandName: string | undefined;
  /** The message a component was attached to. */
  sourceMessageId: string | undefined;
  /** Interaction callback types received, in order. */
  callbacks: number[];
  /** The id of the response message (`@original`), once there is one. */
  originalId: string | undefined;
  ephemeral: boolean;
}

export interface WebhookRecord {
  id: string;
  token: string;
  name: string;
  channelId: string;
  guildId: string | undefined;
}

export interface WorldOptions {
  botName: string;
  cdnOrigin: () => string;
}

/** The result of an operation: the answer, and the gateway events it caused. */
export interface Outcome<TBody = unknown> {
  body: TBody;
  dispatches: Dispatch[];
}

const MAX_BULK_DELETE_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * The fake's state: one guild with a text channel and a thread, users, DM channels, messages, webhooks and
 * interactions. Every change returns the gateway events a real Discord would dispatch for it.
 */
export class World {
  readonly nextId = createSnowflakes();
  readonly bot: UserPayload;
  readonly applicationId: string;
  readonly guild: { id: string; name: string; ownerId: string; createdAt: string };
  readonly textChannel: ChannelPayload;
  readonly thread: ChannelPayload;
  readonly forum: ChannelPayload;
  readonly user: UserPayload;
  readonly otherUser: UserPayload;
  readonly users = new Map<string, UserPayload>();
  readonly channels = new Map<string, ChannelPayload>();
  readonly messages = new Map<string, Map<string, MessagePayload>>();
  readonly webhooks = new Map<string, WebhookRecord>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly uploads = new Map<string, UploadedFile>();
  private readonly members = new Map<string, MemberPayload>();

  constructor(private readonly options: WorldOptions) {
    const now = new Date().toISOString();
    this.bot = userPayload(this.nextId(), options.botName, null, true);
    this.applicationId = this.bot.id;
    this.user = userPayload(this.nextId(), 'ada', 'Ada Lovelace');
    this.otherUser = userPayload(this.nextId(), 'grace', 'Grace Hopper');
    for (const user of [this.bot, this.user, this.otherUser]) {
      this.users.set(user.id, user);
      this.members.set(user.id, memberPayload(now));
    }
    this.guild = { id: this.nextId(), name: 'bothooks test guild', ownerId: this.user.id, createdAt: now };
    this.textChannel = this.addChannel({
      id: this.nextId(),
      type: ChannelKind.GuildText,
      name: 'general',
      guild_id: this.guild.id,
      parent_id: null,
      position: 0,
      topic: null,
      nsfw: false,
      rate_limit_per_user: 0,
      permission_overwrites: [],
      last_message_id: null,
      flags: 0,
    });
    this.forum = this.addChannel({
      id: this.nextId(),
      type: ChannelKind.GuildForum,
      name: 'ideas',
      guild_id: this.guild.id,
      parent_id: null,
      position: 1,
      topic: null,
      nsfw: false,
      rate_limit_per_user: 0,
      permission_overwrites: [],
      last_message_id: null,
      flags: 0,
      available_tags: [],
      default_reaction_emoji: null,
      default_sort_order: null,
      default_forum_layout: 0,
    });
    this.thread = this.addChannel({
      id: this.nextId(),
      type: ChannelKind.PublicThread,
      name: 'support thread',
      guild_id: this.guild.id,
      parent_id: this.textChannel.id,
      owner_id: this.user.id,
      rate_limit_per_user: 0,
      last_message_id: null,
      flags: 0,
      message_count: 0,
      member_count: 2,
      total_message_sent: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: now,
        locked: false,
      },
    });
  }

  /** The GUILD_CREATE payload. */
  guildCreate(): Record<string, unknown> {
    const everyone = {
      id: this.guild.id,
      name: '@everyone',
      color: 0,
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: 0,
      permissions: '2248473465835073',
      managed: false,
      mentionable: false,
      flags: 0,
    };
    const guildChannels = [...this.channels.values()].filter(
      (channel) => channel.guild_id === this.guild.id && channel.type !== ChannelKind.PublicThread,
    );
    const threads = [...this.channels.values()].filter(
      (channel) => channel.type === ChannelKind.PublicThread,
    );
    return {
      id: this.guild.id,
      name: this.guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [everyone],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      system_channel_id: this.textChannel.id,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      joined_at: this.guild.createdAt,
      large: false,
      unavailable: false,
      member_count: this.members.size,
      voice_states: [],
      members: [...this.members.entries()].map(([id, member]) => ({
        ...member,
        user: this.users.get(id),
      })),
      channels: copy(guildChannels),
      threads: copy(threads),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  addChannel(channel: ChannelPayload): ChannelPayload {
    this.channels.set(channel.id, channel);
    this.messages.set(channel.id, new Map());
    return channel;
  }

  channel(id: string): ChannelPayload {
    const channel = this.channels.get(id);
    if (!channel) throw new ApiFailure(404, 10003, 'Unknown Channel');
    return channel;
  }

  /** The DM channel between the bot and `userId`, created on first use. */
  dmChannel(userId: string): ChannelPayload {
    for (const channel of this.channels.values()) {
      if (channel.type === ChannelKind.DM && channel.recipients?.[0]?.id === userId) return channel;
    }
    const recipient = this.users.get(userId);
    if (!recipient) throw new ApiFailure(400, 50033, 'Invalid Recipient(s)');
    return this.addChannel({
      id: this.nextId(),
      type: ChannelKind.DM,
      last_message_id: null,
      flags: 0,
      recipients: [recipient],
    });
  }

  /** Adds a user who is a member of the guild. */
  addUser(username: string, globalName: string | null): UserPayload {
    const user = userPayload(this.nextId(), username, globalName);
    this.users.set(user.id, user);
    this.members.set(user.id, memberPayload(new Date().toISOString()));
    return user;
  }

  message(channelId: string, messageId: string): MessagePayload {
    const message = this.messages.get(channelId)?.get(messageId);
    if (!message) throw new ApiFailure(404, 10008, 'Unknown Message');
    return message;
  }

  findMessage(messageId: string): MessagePayload | undefined {
    for (const messages of this.messages.values()) {
      const message = messages.get(messageId);
      if (message) return message;
    }
    return undefined;
  }

  listMessages(channelId: string, query: URLSearchParams): MessagePayload[] {
    this.channel(channelId);
    const limit = Math.min(Number(query.get('limit') ?? 50) || 50, 100);
    const before = query.get('before');
    const after = query.get('after');
    const all = [...(this.messages.get(channelId)?.values() ?? [])]
      .filter((message) => !(message.flags & MessageFlag.Ephemeral))
      .filter((message) => (before ? BigInt(message.id) < BigInt(before) : true))
      .filter((message) => (after ? BigInt(message.id) > BigInt(after) : true))
      .reverse();
    return copy(all.slice(0, limit));
  }

  /** Builds, stores and announces a new message. */
  createMessage(
    channelId: string,
    input: MessageInput,
    author: UserPayload,
    extras: Partial<MessagePayload> = {},
    options: { allowEmpty?: boolean; id?: string } = {},
  ): Outcome<MessagePayload> {
    const channel = this.channel(channelId);
    const json = input.json;
    this.checkForm(json);
    const content = typeof json.content === 'string' ? json.content : '';
    const embeds = Array.isArray(json.embeds) ? (json.embeds as EmbedPayload[]) : [];
    const attachments = this.attach(channelId, input);
    const stickerIds = Array.isArray(json.sticker_ids) ? (json.sticker_ids as string[]) : [];
    const hasComponents = Array.isArray(json.components) && json.components.length > 0;
    const empty =
      content === '' &&
      embeds.length === 0 &&
      attachments.length === 0 &&
      stickerIds.length === 0 &&
      !hasComponents;
    if (empty && !json.poll && !options.allowEmpty) {
      throw new ApiFailure(400, 50006, 'Cannot send an empty message');
    }
    const reference = json.message_reference as
      | { message_id?: string; fail_if_not_exists?: boolean }
      | undefined;
    const referenced = reference?.message_id ? this.findMessage(reference.message_id) : undefined;
    // `fail_if_not_exists: false` sends the message without the reply when its target is gone.
    if (reference?.message_id && !referenced && reference.fail_if_not_exists !== false) {
      throw new ApiFailure(400, 50035, 'Invalid Form Body\nmessage_reference[REPLIES_UNKNOWN_MESSAGE]');
    }
    const id = options.id ?? this.nextId();
    const flags = (typeof json.flags === 'number' ? json.flags : 0) | (extras.flags ?? 0);
    const message: MessagePayload = {
      id,
      channel_id: channelId,
      type: referenced ? MessageKind.Reply : MessageKind.Default,
      content,
      author: copy(author),
      // Discord's timestamps and ids agree; discord.js reads `createdAt` from the id.
      timestamp: new Date(snowflakeTime(id)).toISOString(),
      edited_timestamp: null,
      tts: json.tts === true,
      mention_everyone: false,
      mentions: this.mentionsIn(content, referenced),
      mention_roles: [],
      attachments,
      embeds: embeds.map((embed) => ({ type: 'rich', ...embed })),
      components: Array.isArray(json.components) ? json.components : [],
      pinned: false,
      ...(typeof json.nonce === 'string' || typeof json.nonce === 'number' ? { nonce: json.nonce } : {}),
      ...(stickerIds.length > 0 && {
        sticker_items: stickerIds.map((stickerId) => ({ id: stickerId, name: 'sticker', format_type: 1 })),
      }),
      ...(json.poll !== undefined && { poll: json.poll }),
      ...(referenced && {
        message_reference: {
          type: 0,
          message_id: referenced.id,
          channel_id: referenced.channel_id,
          ...(channel.guild_id && { guild_id: channel.guild_id }),
        },
        referenced_message: copy(referenced),
      }),
      ...extras,
      flags,
    };
    if (channel.type === ChannelKind.PublicThread) {
      channel.message_count = (channel.message_count ?? 0) + 1;
      channel.total_message_sent = (channel.total_message_sent ?? 0) + 1;
      message.position = channel.total_message_sent;
    }
    this.messages.get(channelId)?.set(id, message);
    channel.last_message_id = id;
    const dispatches = flags & MessageFlag.Ephemeral ? [] : [this.messageDispatch('MESSAGE_CREATE', message)];
    return { body: copy(message), dispatches };
  }

  /** Applies an edit (content, embeds, components, flags, attachments kept or replaced). */
  editMessage(
    channelId: string,
    messageId: string,
    input: MessageInput,
    editor: string,
  ): Outcome<MessagePayload> {
    const message = this.message(channelId, messageId);
    const json = input.json;
    this.checkForm(json);
    const ownedByEditor = message.author.id === editor || message.webhook_id === editor;
    const editsContent = ['content', 'embeds', 'components', 'attachments'].some((field) => field in json);
    if (!ownedByEditor && editsContent) {
      throw new ApiFailure(403, 50005, 'Cannot edit a message authored by another user');
    }
    const wasLoading = (message.flags & MessageFlag.Loading) !== 0;
    if (typeof json.content === 'string' || json.content === null) message.content = json.content ?? '';
    if (Array.isArray(json.embeds))
      message.embeds = (json.embeds as EmbedPayload[]).map((embed) => ({ type: 'rich', ...embed }));
    if (Array.isArray(json.components)) message.components = json.components;
    if (typeof json.flags === 'number') message.flags = (message.flags & MessageFlag.Ephemeral) | json.flags;
    if (Array.isArray(json.attachments)) {
      const kept = new Set(
        (json.attachments as { id?: unknown }[]).map((attachment) => String(attachment.id)),
      );
      message.attachments = [
        ...message.attachments.filter((attachment) => kept.has(attachment.id)),
        ...this.attach(channelId, input),
      ];
    }
    message.flags &= ~MessageFlag.Loading;
    if (editsContent && !wasLoading) message.edited_timestamp = new Date().toISOString();
    const dispatches =
      message.flags & MessageFlag.Ephemeral ? [] : [this.messageDispatch('MESSAGE_UPDATE', message)];
    return { body: copy(message), dispatches };
  }

  deleteMessage(channelId: string, messageId: string): Outcome<undefined> {
    const message = this.message(channelId, messageId);
    this.messages.get(channelId)?.delete(messageId);
    const channel = this.channel(channelId);
    if (message.flags & MessageFlag.Ephemeral) return { body: undefined, dispatches: [] };
    return {
      body: undefined,
      dispatches: [
        {
          event: 'MESSAGE_DELETE',
          data: {
            id: messageId,
            channel_id: channelId,
            ...(channel.guild_id && { guild_id: channel.guild_id }),
          },
          message: { inGuild: channel.guild_id !== undefined, contentHidden: false },
        },
      ],
    };
  }

  bulkDelete(channelId: string, ids: unknown): Outcome<undefined> {
    const channel = this.channel(channelId);
    if (!channel.guild_id) throw new ApiFailure(403, 50003, 'Cannot execute action on a DM channel');
    if (!Array.isArray(ids) || ids.length < 2 || ids.length > 100) {
      throw new ApiFailure(400, 50016, 'You must provide between 2 and 100 messages to delete');
    }
    const messages = this.messages.get(channelId);
    const deleted: string[] = [];
    for (const id of ids.map(String)) {
      if (Date.now() - snowflakeTime(id) > MAX_BULK_DELETE_AGE_MS) {
        throw new ApiFailure(400, 50034, 'You can only bulk delete messages that are under 14 days old.');
      }
      if (messages?.delete(id)) deleted.push(id);
    }
    return {
      body: undefined,
      dispatches: [
        {
          event: 'MESSAGE_DELETE_BULK',
          data: { ids: deleted, channel_id: channelId, guild_id: channel.guild_id },
          message: { inGuild: true, contentHidden: false },
        },
      ],
    };
  }

  /**
   * `POST /channels/:id/threads`: a thread in a text channel, or a forum post, whose starter message has the
   * thread's id (as on Discord) and comes back inside the thread object.
   */
  createThread(parentId: string, input: MessageInput, owner: UserPayload): Outcome<Record<string, unknown>> {
    const parent = this.channel(parentId);
    const json = input.json;
    const now = new Date().toISOString();
    const starter = json.message as Record<string, unknown> | undefined;
    if (parent.type === ChannelKind.GuildForum && !starter) {
      throw new ApiFailure(400, 50035, 'Invalid Form Body\nmessage[BASE_TYPE_REQUIRED]');
    }
    const thread = this.addChannel({
      id: this.nextId(),
      type: ChannelKind.PublicThread,
      name: typeof json.name === 'string' ? json.name : 'thread',
      guild_id: parent.guild_id,
      parent_id: parent.id,
      owner_id: owner.id,
      rate_limit_per_user: 0,
      last_message_id: null,
      flags: 0,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: Number(json.auto_archive_duration ?? 1440),
        archive_timestamp: now,
        locked: false,
      },
    });
    const dispatches: Dispatch[] = [
      { event: 'THREAD_CREATE', data: { ...copy(thread), newly_created: true } },
    ];
    if (!starter) return { body: copy(thread) as unknown as Record<string, unknown>, dispatches };
    const message = this.createMessage(
      thread.id,
      { json: starter, files: input.files },
      owner,
      {},
      { id: thread.id },
    );
    return {
      body: { ...copy(thread), message: message.body },
      dispatches: [...dispatches, ...message.dispatches],
    };
  }

  createWebhook(channelId: string, name: string): WebhookRecord {
    const channel = this.channel(channelId);
    const webhook: WebhookRecord = {
      id: this.nextId(),
      token: `fake-webhook-token-${this.nextId()}`,
      name,
      channelId,
      guildId: channel.guild_id,
    };
    this.webhooks.set(webhook.id, webhook);
    return webhook;
  }

  webhookPayload(webhook: WebhookRecord): Record<string, unknown> {
    return {
      id: webhook.id,
      type: 1,
      name: webhook.name,
      avatar: null,
      channel_id: webhook.channelId,
      guild_id: webhook.guildId ?? null,
      application_id: null,
      token: webhook.token,
      user: copy(this.bot),
    };
  }

  /** The author of messages a webhook sends: the webhook itself, flagged as a bot. */
  webhookAuthor(webhook: WebhookRecord): UserPayload {
    return {
      id: webhook.id,
      username: webhook.name,
      global_name: null,
      discriminator: '0000',
      avatar: null,
      bot: true,
    };
  }

  /** Records a new interaction and builds its INTERACTION_CREATE payload. */
  createInteraction(input: {
    type: number;
    channelId: string;
    user: UserPayload;
    data: Record<string, unknown>;
    commandName?: string;
    sourceMessage?: MessagePayload;
    locale?: string;
  }): { record: InteractionRecord; dispatch: Dispatch } {
    const channel = this.channel(input.channelId);
    const record: InteractionRecord = {
      id: this.nextId(),
      token: `fake-interaction-token-${this.nextId()}`,
      type: input.type,
      channelId: channel.id,
      guildId: channel.guild_id,
      user: input.user,
      commandName: input.commandName,
      sourceMessageId: input.sourceMessage?.id,
      callbacks: [],
      originalId: undefined,
      ephemeral: false,
    };
    this.interactions.set(record.id, record);
    const partialChannel = {
      id: channel.id,
      type: channel.type,
      ...(channel.name !== undefined && { name: channel.name }),
      ...(channel.guild_id !== undefined && { guild_id: channel.guild_id }),
      ...(channel.parent_id !== undefined && { parent_id: channel.parent_id }),
      ...(channel.recipients && { recipients: copy(channel.recipients) }),
      last_message_id: channel.last_message_id,
      flags: channel.flags,
      ...(channel.guild_id && {
        permissions: '2248473465835073',
        nsfw: false,
        position: channel.position ?? 0,
      }),
    };
    const data: Record<string, unknown> = {
      id: record.id,
      application_id: this.applicationId,
      type: input.type,
      data: input.data,
      channel: partialChannel,
      channel_id: channel.id,
      token: record.token,
      version: 1,
      app_permissions: '2248473465835073',
      locale: input.locale ?? 'en-US',
      entitlements: [],
      authorizing_integration_owners: channel.guild_id ? { '0': channel.guild_id } : { '1': input.user.id },
      context: channel.guild_id ? 0 : 1,
      attachment_size_limit: 10_485_760,
      ...(input.sourceMessage && { message: copy(input.sourceMessage) }),
    };
    if (channel.guild_id) {
      data.guild_id = channel.guild_id;
      data.guild = { id: channel.guild_id, locale: 'en-US', features: [] };
      data.guild_locale = 'en-US';
      data.member = {
        ...(this.members.get(input.user.id) ?? memberPayload(new Date().toISOString())),
        user: copy(input.user),
        permissions: '2248473465835073',
      };
    } else {
      data.user = copy(input.user);
    }
    return { record, dispatch: { event: 'INTERACTION_CREATE', data } };
  }

  interactionByToken(token: string): InteractionRecord | undefined {
    for (const record of this.interactions.values()) if (record.token === token) return record;
    return undefined;
  }

  /** The `interaction_metadata` a response message carries. */
  interactionMetadata(record: InteractionRecord, followUp = false): InteractionMetadataPayload {
    return {
      ...(followUp && record.originalId !== undefined && { original_response_message_id: record.originalId }),
      id: record.id,
      type: record.type,
      user: copy(record.user),
      authorizing_integration_owners: record.guildId ? { '0': record.guildId } : { '1': record.user.id },
      ...(record.commandName !== undefined && { name: record.commandName, command_type: 1 }),
    };
  }

  /** The fields of a message an application sends in response to an interaction. */
  interactionMessageExtras(
    record: InteractionRecord,
    flags: number,
    followUp = false,
  ): Partial<MessagePayload> {
    return {
      webhook_id: this.applicationId,
      application_id: this.applicationId,
      type:
        record.commandName !== undefined && !followUp ? MessageKind.ChatInputCommand : MessageKind.Default,
      interaction_metadata: this.interactionMetadata(record, followUp),
      ...(record.commandName !== undefined && {
        interaction: { id: record.id, type: record.type, name: record.commandName, user: copy(record.user) },
      }),
      flags,
    };
  }

  /** Wraps a stored message as the gateway sends it: with the guild, the author's member and the channel type. */
  messageDispatch(event: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', message: MessagePayload): Dispatch {
    const channel = this.channels.get(message.channel_id);
    const guildId = channel?.guild_id;
    const data: GatewayMessagePayload = { ...copy(message) };
    if (guildId) {
      data.guild_id = guildId;
      const member = this.members.get(message.author.id);
      if (member && !message.webhook_id) data.member = copy(member);
    }
    if (channel) data.channel_type = channel.type;
    const mentionsBot = message.mentions.some((user) => user.id === this.bot.id);
    return {
      event,
      data: data as unknown as Record<string, unknown>,
      message: {
        inGuild: guildId !== undefined,
        contentHidden: guildId !== undefined && message.author.id !== this.bot.id && !mentionsBot,
      },
    };
  }

  /** Refuses what Discord refuses in a message body: too long, too many embeds, rows or buttons, bad buttons. */
  private checkForm(json: Record<string, unknown>): void {
    const problems = formProblems(json);
    if (problems.length > 0) throw new ApiFailure(400, 50035, formProblemMessage(problems));
  }

  private attach(channelId: string, input: MessageInput): AttachmentPayload[] {
    const declared = Array.isArray(input.json.attachments)
      ? (input.json.attachments as { id?: unknown; description?: string }[])
      : [];
    return input.files.map((file, index) => {
      const id = this.nextId();
      this.uploads.set(id, file);
      const url = `${this.options.cdnOrigin()}/attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
      const description = declared.find((attachment) => String(attachment.id) === String(index))?.description;
      return {
        id,
        filename: file.filename,
        size: file.bytes.length,
        url,
        proxy_url: url,
        ...(file.contentType && { content_type: file.contentType }),
        ...(description && { description }),
      };
    });
  }

  private mentionsIn(content: string, referenced: MessagePayload | undefined): UserPayload[] {
    const ids = new Set([...content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1] as string));
    if (referenced) ids.add(referenced.author.id);
    return [...ids].flatMap((id) => {
      const user = this.users.get(id);
      return user ? [copy(user)] : [];
    });
  }
}
