/**
 * The JSON objects the fake sends, shaped like Discord API v10's (https://discord.com/developers/docs).
 * Only the fields discord.js reads or an adapter could need are filled in; everything stays plain JSON.
 */

/** Channel types, as numbered by the Discord API. */
export const ChannelKind = {
  GuildText: 0,
  DM: 1,
  PublicThread: 11,
  GuildForum: 15,
} as const;

/** Message flags the fake understands. */
export const MessageFlag = {
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
} as const;

/** Message types the fake produces. */
export const MessageKind = {
  Default: 0,
  Reply: 19,
  ChatInputCommand: 20,
} as const;

export interface UserPayload {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
  public_flags?: number;
}

export interface ChannelPayload {
  id: string;
  type: number;
  name?: string;
  guild_id?: string;
  parent_id?: string | null;
  position?: number;
  topic?: string | null;
  nsfw?: boolean;
  rate_limit_per_user?: number;
  permission_overwrites?: unknown[];
  last_message_id: string | null;
  flags: number;
  recipients?: UserPayload[];
  owner_id?: string;
  thread_metadata?: {
    archived: boolean;
    auto_archive_duration: number;
    archive_timestamp: string;
    locked: boolean;
  };
  message_count?: number;
  member_count?: number;
  total_message_sent?: number;
  available_tags?: unknown[];
  default_reaction_emoji?: unknown;
  default_sort_order?: number | null;
  default_forum_layout?: number;
}

export interface AttachmentPayload {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
  description?: string;
}

export interface EmbedPayload {
  title?: string;
  description?: string;
  url?: string;
  type?: string;
  [field: string]: unknown;
}

export interface InteractionMetadataPayload {
  id: string;
  type: number;
  user: UserPayload;
  authorizing_integration_owners: Record<string, string>;
  name?: string;
  command_type?: number;
  /** Only on follow-ups: the id of the interaction's first response. */
  original_response_message_id?: string;
}

export interface MessagePayload {
  id: string;
  channel_id: string;
  type: number;
  content: string;
  author: UserPayload;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: UserPayload[];
  mention_roles: string[];
  attachments: AttachmentPayload[];
  embeds: EmbedPayload[];
  components: unknown[];
  pinned: boolean;
  flags: number;
  nonce?: string | number;
  webhook_id?: string;
  application_id?: string;
  message_reference?: { type: number; message_id: string; channel_id: string; guild_id?: string };
  referenced_message?: MessagePayload | null;
  interaction_metadata?: InteractionMetadataPayload;
  interaction?: { id: string; type: number; name: string; user: UserPayload };
  sticker_items?: { id: string; name: string; format_type: number }[];
  poll?: unknown;
  position?: number;
}

/** What the gateway adds to MESSAGE_CREATE / MESSAGE_UPDATE: REST message objects carry no guild or member. */
export interface GatewayMessagePayload extends MessagePayload {
  guild_id?: string;
  member?: MemberPayload;
  channel_type?: number;
}

export interface MemberPayload {
  roles: string[];
  joined_at: string;
  deaf: boolean;
  mute: boolean;
  flags: number;
  pending: boolean;
  nick: string | null;
  avatar: string | null;
  premium_since: string | null;
  communication_disabled_until: string | null;
  user?: UserPayload;
  permissions?: string;
}

export function userPayload(
  id: string,
  username: string,
  globalName: string | null,
  bot = false,
): UserPayload {
  return {
    id,
    username,
    global_name: globalName,
    discriminator: '0',
    avatar: null,
    ...(bot && { bot: true }),
    public_flags: 0,
  };
}

export function memberPayload(joinedAt: string, user?: UserPayload): MemberPayload {
  return {
    roles: [],
    joined_at: joinedAt,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    nick: null,
    avatar: null,
    premium_since: null,
    communication_disabled_until: null,
    ...(user && { user }),
  };
}

/** A deep copy, so what the fake sends never aliases what it stores. */
export function copy<TValue>(value: TValue): TValue {
  return structuredClone(value);
}
