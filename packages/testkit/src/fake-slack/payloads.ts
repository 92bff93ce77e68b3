import { createInteractionPayloads } from './interactions';
import {
  FAKE_CHANNELS,
  FAKE_USER,
  type FakeChannel,
  type FakeUser,
  type SlackState,
  type StoredMessage,
} from './state';

/** Where a person's message is written. */
export interface MessageOptions {
  /** @default FAKE_CHANNELS.dm */
  channel?: FakeChannel;
  /** @default FAKE_USER */
  user?: FakeUser;
  /** Reply in this thread. */
  threadTs?: string;
  /** Files shared with the message (`subtype: file_share`), as Slack describes them. */
  files?: Record<string, unknown>[];
}

/** An Events API body (`event_callback`), with the fields Slack sends. */
export type EventBody = Record<string, unknown> & { event: Record<string, unknown>; event_id: string };

/** Builds what Slack sends: Events API bodies, slash commands and interaction payloads. */
export interface PayloadFactory {
  /** A person's message event. */
  message(text: string, options?: MessageOptions): EventBody;
  /** The `app_mention` event Slack sends next to the message event when the bot is mentioned. */
  appMention(text: string, options?: MessageOptions): EventBody;
  /** `message_changed` for a message the person edited. */
  messageChanged(previous: EventBody, text: string): EventBody;
  /** `message_deleted` for a message the person deleted. */
  messageDeleted(previous: EventBody): EventBody;
  /**
   * `function_executed`: a workflow runs one of the app's custom functions, with a `bot_access_token` (`xwfp-`)
   * of its own that the fake accepts from now on.
   */
  functionExecuted(callbackId: string, inputs: Record<string, unknown>): EventBody;
  /** The event Slack sends for the app's own post (what Bolt's `ignoreSelf` drops). */
  botEcho(message: StoredMessage): EventBody;
  /** A slash command, as the form fields Slack POSTs; `response_url` points at the fake. */
  command(command: string, text: string, options?: MessageOptions): Record<string, string>;
  /** A button press (`block_actions`) on a message, its `response_url` pointing at the fake. */
  buttonPress(
    message: { channel: string; ts: string; blocks?: unknown },
    button: { actionId: string; value?: string; text: string; blockId?: string },
    options?: { user?: FakeUser },
  ): Record<string, unknown>;
  /** A static select menu choice (`block_actions`). */
  menuChoice(
    message: { channel: string; ts: string },
    choice: { actionId: string; value: string; text: string },
  ): Record<string, unknown>;
  /** A modal submitted (`view_submission`), with plain-text inputs by `block_id.action_id`. */
  viewSubmission(callbackId: string, values: Record<string, Record<string, string>>): Record<string, unknown>;
}

function userBlocks(text: string): unknown[] {
  return [
    {
      type: 'rich_text',
      block_id: 'Bf3x',
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
    },
  ];
}

export function createPayloadFactory(
  state: SlackState,
  responseUrl: (target: { channel: string; messageTs?: string }) => string,
  nextId: (prefix: string) => string,
): PayloadFactory {
  const team = state.team;
  const authorizations = [
    {
      enterprise_id: team.enterpriseId ?? null,
      team_id: team.id,
      user_id: state.bot.userId,
      is_bot: true,
      is_enterprise_install: false,
    },
  ];
  const envelope = (event: Record<string, unknown>): EventBody => ({
    token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
    team_id: team.id,
    ...(team.enterpriseId !== undefined && { enterprise_id: team.enterpriseId }),
    context_team_id: team.id,
    context_enterprise_id: team.enterpriseId ?? null,
    api_app_id: state.bot.appId,
    event,
    type: 'event_callback',
    event_id: nextId('Ev'),
    event_time: Math.floor(Date.now() / 1000),
    authorizations,
    is_ext_shared_channel: false,
    event_context: `4-${nextId('eyJ')}`,
  });
  const messageEvent = (type: 'message' | 'app_mention', text: string, options: MessageOptions = {}) => {
    const channel = options.channel ?? FAKE_CHANNELS.dm;
    const user = options.user ?? FAKE_USER;
    state.users.set(user.id, user);
    // A channel a test makes up exists from its first message on.
    if (!state.channels.has(channel.id)) state.channels.set(channel.id, { ...channel });
    const ts = state.nextTs();
    const files = options.files;
    const event: Record<string, unknown> = {
      ...(type === 'message' && { user: user.id }),
      type,
      ...(files && { subtype: 'file_share', files, upload: false, display_as_bot: false }),
      ts,
      client_msg_id: nextId('c0ffee00-'),
      text,
      ...(type === 'app_mention' && { user: user.id }),
      team: team.id,
      blocks: userBlocks(text),
      ...(options.threadTs !== undefined && { thread_ts: options.threadTs, parent_user_id: user.id }),
      channel: channel.id,
      event_ts: ts,
      ...(type === 'message' && { channel_type: channel.type }),
    };
    state.save({ ...event, channel: channel.id, ts });
    return envelope(event);
  };
  return {
    message: (text, options) => messageEvent('message', text, options),
    appMention: (text, options) => messageEvent('app_mention', text, options),
    messageChanged: (previous, text) => {
      const original = previous.event;
      const ts = state.nextTs();
      return envelope({
        type: 'message',
        subtype: 'message_changed',
        message: {
          ...original,
          text,
          blocks: userBlocks(text),
          edited: { user: original.user, ts },
          source_team: team.id,
          user_team: team.id,
        },
        previous_message: original,
        channel: original.channel,
        hidden: true,
        ts,
        event_ts: ts,
        channel_type: original.channel_type,
      });
    },
    messageDeleted: (previous) => {
      const original = previous.event;
      const ts = state.nextTs();
      state.remove(String(original.channel), String(original.ts));
      return envelope({
        type: 'message',
        subtype: 'message_deleted',
        previous_message: original,
        channel: original.channel,
        hidden: true,
        deleted_ts: original.ts,
        event_ts: ts,
        ts,
        channel_type: original.channel_type,
      });
    },
    functionExecuted: (callbackId, inputs) => {
      const token = `xwfp-${nextId('7000')}-${nextId('fn')}`;
      state.functionTokens.add(token);
      const ts = state.nextTs();
      return envelope({
        type: 'function_executed',
        function: { id: nextId('Fn0'), callback_id: callbackId, title: callbackId, app_id: state.bot.appId },
        inputs,
        function_execution_id: nextId('Fx0'),
        workflow_execution_id: nextId('Wx0'),
        event_ts: ts,
        bot_access_token: token,
      });
    },
    botEcho: (message) => {
      const channel = state.channels.get(message.channel);
      const { channel: _channel, ...fields } = message;
      return envelope({
        ...fields,
        channel: message.channel,
        event_ts: message.ts,
        channel_type: channel?.type ?? 'channel',
      });
    },
    ...createInteractionPayloads(state, responseUrl, nextId),
  };
}
