import { type FakeChannel, SlackApiError, type SlackState, type StoredMessage } from './state';

/** What a method handler gets. */
export interface MethodInput {
  params: Record<string, unknown>;
  state: SlackState;
  /** The fake's origin, for URLs it hands out (file uploads, Socket Mode). */
  origin: string;
  /** Opens a Socket Mode connection ticket and returns its `ws://` URL. */
  openConnection: () => string;
}

type Handler = (input: MethodInput) => Record<string, unknown>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function hasContent(params: Record<string, unknown>): boolean {
  return [params.text, params.blocks, params.attachments, params.markdown_text].some(
    (value) => value !== undefined && value !== '',
  );
}

function channelInfo(channel: FakeChannel, state: SlackState): Record<string, unknown> {
  const isIm = channel.type === 'im';
  return {
    id: channel.id,
    ...(channel.name !== undefined && { name: channel.name, name_normalized: channel.name }),
    is_channel: channel.type === 'channel',
    is_group: channel.type === 'group',
    is_im: isIm,
    is_mpim: channel.type === 'mpim',
    is_private: channel.type !== 'channel',
    is_archived: false,
    is_member: true,
    context_team_id: state.team.id,
    created: 1_700_000_000,
    ...(isIm && { user: channel.user }),
  };
}

/** The message Slack stores and returns for a post by the app. */
function botMessage(
  state: SlackState,
  channel: FakeChannel,
  params: Record<string, unknown>,
  ts: string,
): StoredMessage {
  const threadTs = text(params.thread_ts);
  return {
    channel: channel.id,
    user: state.bot.userId,
    type: 'message',
    ts,
    bot_id: state.bot.botId,
    app_id: state.bot.appId,
    text: text(params.text) ?? '',
    team: state.team.id,
    bot_profile: state.botProfile(),
    ...(params.blocks !== undefined && { blocks: params.blocks }),
    ...(params.attachments !== undefined && { attachments: params.attachments }),
    ...(threadTs !== undefined && { thread_ts: threadTs, parent_user_id: state.bot.userId }),
  };
}

function withoutChannel(message: StoredMessage): Record<string, unknown> {
  const { channel: _channel, ...rest } = message;
  return rest;
}

/** The markdown a stream call carries, in `markdown_text` or in `markdown_text` chunks. */
function streamedText(params: Record<string, unknown>): string {
  const chunks = Array.isArray(params.chunks) ? (params.chunks as { type?: unknown; text?: unknown }[]) : [];
  return [
    params.markdown_text,
    ...chunks.filter((chunk) => chunk.type === 'markdown_text').map((chunk) => chunk.text),
  ]
    .filter((part): part is string => typeof part === 'string')
    .join('');
}

function appendToStream(
  params: Record<string, unknown>,
  state: SlackState,
  stop: boolean,
): Record<string, unknown> {
  const channel = state.resolveChannel(params.channel);
  const existing = state.find(channel.id, params.ts);
  if (!existing) throw new SlackApiError('message_not_found');
  if (existing.streaming === false) throw new SlackApiError('message_not_in_streaming_state');
  const updated = state.save({
    ...existing,
    text: `${String(existing.text ?? '')}${streamedText(params)}`,
    streaming: !stop,
  });
  return { channel: channel.id, ts: updated.ts, ...(stop && { message: withoutChannel(updated) }) };
}

const postMessage: Handler = ({ params, state }) => {
  const channel = state.resolveChannel(params.channel);
  if (!hasContent(params)) throw new SlackApiError('no_text');
  if (typeof params.text === 'string' && params.text.length > 40_000) throw new SlackApiError('msg_too_long');
  const threadTs = text(params.thread_ts);
  if (threadTs !== undefined && !state.find(channel.id, threadTs))
    throw new SlackApiError('thread_not_found');
  const message = state.save(botMessage(state, channel, params, state.nextTs()));
  return { channel: channel.id, ts: message.ts, message: withoutChannel(message) };
};

/** The last step of `files.uploadV2`: shares the uploaded files, in a channel when one is named. */
const completeUpload: Handler = ({ params, state }) => {
  const files = Array.isArray(params.files) ? (params.files as { id?: unknown; title?: unknown }[]) : [];
  if (files.length === 0) throw new SlackApiError('invalid_arguments');
  const channelId = typeof params.channel_id === 'string' ? params.channel_id : undefined;
  const channel = channelId !== undefined ? state.resolveChannel(channelId) : undefined;
  const ts = channel ? state.nextTs() : undefined;
  const described = files.map((file) => {
    const id = String(file.id);
    const upload = state.uploads.get(id);
    if (!upload) throw new SlackApiError('file_not_found');
    const name = typeof file.title === 'string' ? file.title : id;
    return {
      id,
      created: Math.floor(Date.now() / 1000),
      name,
      title: name,
      mimetype: 'text/plain',
      filetype: 'text',
      user: state.bot.userId,
      size: upload.size,
      url_private: `https://files.slack.com/files-pri/${state.team.id}-${id}/${encodeURIComponent(name)}`,
      permalink: `https://${state.team.domain}.slack.com/files/${state.bot.userId}/${id}/${encodeURIComponent(name)}`,
      shares:
        channel && ts
          ? {
              [channel.type === 'channel' ? 'public' : 'private']: {
                [channel.id]: [{ ts, channel_name: channel.name ?? '' }],
              },
            }
          : {},
    };
  });
  if (channel && ts) {
    state.save({
      channel: channel.id,
      ts,
      type: 'message',
      subtype: 'file_share',
      user: state.bot.userId,
      text: typeof params.initial_comment === 'string' ? params.initial_comment : '',
      files: described,
    });
  }
  return { files: described };
};

/** The Web API methods the fake answers, with Slack's result shapes. */
export const METHODS: Record<string, Handler> = {
  'auth.test': ({ state }) => ({
    url: `https://${state.team.domain}.slack.com/`,
    team: state.team.name,
    user: state.bot.name,
    team_id: state.team.id,
    user_id: state.bot.userId,
    bot_id: state.bot.botId,
    is_enterprise_install: false,
    ...(state.team.enterpriseId !== undefined && { enterprise_id: state.team.enterpriseId }),
  }),
  'apps.connections.open': ({ openConnection }) => ({ url: openConnection() }),
  'chat.postMessage': postMessage,
  'chat.meMessage': ({ params, state }) => {
    const channel = state.resolveChannel(params.channel);
    if (!hasContent(params)) throw new SlackApiError('no_text');
    const message = state.save({
      ...botMessage(state, channel, params, state.nextTs()),
      subtype: 'me_message',
    });
    return { channel: channel.id, ts: message.ts };
  },
  'chat.postEphemeral': ({ params, state }) => {
    // The channel must exist, though nothing is stored in it.
    state.resolveChannel(params.channel);
    if (typeof params.user !== 'string' || !state.users.has(params.user))
      throw new SlackApiError('user_not_found');
    if (!hasContent(params)) throw new SlackApiError('no_text');
    // Ephemeral messages are never stored: they cannot be updated or deleted through chat.*.
    return { message_ts: state.nextTs() };
  },
  'chat.update': ({ params, state }) => {
    const channel = state.resolveChannel(params.channel);
    const existing = state.find(channel.id, params.ts);
    if (!existing) throw new SlackApiError('message_not_found');
    if (existing.user !== state.bot.userId) throw new SlackApiError('cant_update_message');
    if (!hasContent(params)) throw new SlackApiError('no_text');
    const updated = state.save({
      ...existing,
      text: text(params.text) ?? '',
      ...(params.blocks !== undefined && { blocks: params.blocks }),
      edited: { user: state.bot.userId, ts: state.nextTs() },
    });
    return { channel: channel.id, ts: updated.ts, text: updated.text, message: withoutChannel(updated) };
  },
  'chat.delete': ({ params, state }) => {
    const channel = state.resolveChannel(params.channel);
    const existing = state.find(channel.id, params.ts);
    if (!existing) throw new SlackApiError('message_not_found');
    if (existing.user !== state.bot.userId) throw new SlackApiError('cant_delete_message');
    state.remove(channel.id, existing.ts);
    return { channel: channel.id, ts: existing.ts };
  },
  // Streams (https://docs.slack.dev/reference/methods/chat.startStream): a message whose markdown grows.
  'chat.startStream': ({ params, state }) => {
    const channel = state.resolveChannel(params.channel);
    if (typeof params.thread_ts !== 'string') throw new SlackApiError('invalid_arguments');
    const message = state.save({
      ...botMessage(state, channel, { thread_ts: params.thread_ts }, state.nextTs()),
      text: streamedText(params),
    });
    return { channel: channel.id, ts: message.ts };
  },
  'chat.appendStream': ({ params, state }) => appendToStream(params, state, false),
  'chat.stopStream': ({ params, state }) => appendToStream(params, state, true),
  'chat.scheduleMessage': ({ params, state }) => {
    const channel = state.resolveChannel(params.channel);
    if (!hasContent(params)) throw new SlackApiError('no_text');
    const postAt = Number(params.post_at);
    if (!Number.isFinite(postAt) || postAt * 1000 < Date.now()) throw new SlackApiError('time_in_past');
    return {
      channel: channel.id,
      scheduled_message_id: `Q${state.nextTs().replace('.', '')}`,
      post_at: postAt,
      message: withoutChannel(botMessage(state, channel, params, String(postAt))),
    };
  },
  'conversations.info': ({ params, state }) => {
    const channel = state.channels.get(String(params.channel));
    if (!channel) throw new SlackApiError('channel_not_found');
    return { channel: channelInfo(channel, state) };
  },
  'users.info': ({ params, state }) => {
    const user = state.users.get(String(params.user));
    if (!user) throw new SlackApiError('user_not_found');
    return {
      user: { id: user.id, team_id: state.team.id, name: user.name, real_name: user.realName, is_bot: false },
    };
  },
  'files.completeUploadExternal': completeUpload,
  'functions.completeSuccess': ({ params }) => {
    if (typeof params.function_execution_id !== 'string') throw new SlackApiError('invalid_arguments');
    return {};
  },
  'functions.completeError': ({ params }) => {
    if (typeof params.function_execution_id !== 'string') throw new SlackApiError('invalid_arguments');
    return {};
  },
  'files.getUploadURLExternal': ({ params, state, origin }) => {
    if (typeof params.filename !== 'string' || params.length === undefined)
      throw new SlackApiError('invalid_arguments');
    const fileId = `F${state.nextTs().replace('.', '')}`;
    return { upload_url: `${origin}/upload/${fileId}`, file_id: fileId };
  },
};
