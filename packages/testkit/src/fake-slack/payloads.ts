import type { FakeChannel, FakeUser, SlackState, StoredMessage } from './state';

/** The person who talks to the bot in the fake workspace, unless a test says otherwise. */
export const FAKE_USER: FakeUser = { id: 'U0FAKEADA', name: 'ada', realName: 'Ada Lovelace' };

/** The channels of the fake workspace. */
export const FAKE_CHANNELS = {
  general: { id: 'C0FAKEGENERAL', name: 'general', type: 'channel' },
  private: { id: 'G0FAKEPRIVATE', name: 'secret-plans', type: 'group' },
  dm: { id: 'D0FAKEADA', type: 'im', user: FAKE_USER.id },
} as const satisfies Record<string, FakeChannel>;

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
  const interactionUser = (user: FakeUser) => ({
    id: user.id,
    username: user.name,
    name: user.name,
    team_id: team.id,
  });
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
    command: (command, text, options = {}) => {
      const channel = options.channel ?? FAKE_CHANNELS.dm;
      const user = options.user ?? FAKE_USER;
      state.users.set(user.id, user);
      const channelName =
        channel.type === 'im'
          ? 'directmessage'
          : channel.type === 'group'
            ? 'privategroup'
            : (channel.name ?? '');
      return {
        token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
        team_id: team.id,
        team_domain: team.domain,
        ...(team.enterpriseId !== undefined && {
          enterprise_id: team.enterpriseId,
          enterprise_name: 'Fake Grid',
        }),
        channel_id: channel.id,
        channel_name: channelName,
        user_id: user.id,
        user_name: user.name,
        command,
        text,
        api_app_id: state.bot.appId,
        is_enterprise_install: 'false',
        response_url: responseUrl({ channel: channel.id }),
        trigger_id: `${nextId('1337')}.${team.id}`,
      };
    },
    buttonPress: (message, button, options = {}) => {
      const user = options.user ?? FAKE_USER;
      const channel = state.channels.get(message.channel);
      return {
        type: 'block_actions',
        user: interactionUser(user),
        api_app_id: state.bot.appId,
        token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
        container: {
          type: 'message',
          message_ts: message.ts,
          channel_id: message.channel,
          is_ephemeral: false,
        },
        trigger_id: `${nextId('1337')}.${team.id}`,
        team: { id: team.id, domain: team.domain },
        enterprise: team.enterpriseId !== undefined ? { id: team.enterpriseId, name: 'Fake Grid' } : null,
        is_enterprise_install: false,
        channel: { id: message.channel, name: channel?.name ?? 'directmessage' },
        message: {
          type: 'message',
          user: state.bot.userId,
          ts: message.ts,
          bot_id: state.bot.botId,
          app_id: state.bot.appId,
          text: '',
          team: team.id,
          ...(message.blocks !== undefined && { blocks: message.blocks }),
        },
        state: { values: {} },
        response_url: responseUrl({ channel: message.channel, messageTs: message.ts }),
        actions: [
          {
            action_id: button.actionId,
            block_id: button.blockId ?? 'actions',
            text: { type: 'plain_text', text: button.text, emoji: true },
            ...(button.value !== undefined && { value: button.value }),
            type: 'button',
            action_ts: `${Math.floor(Date.now() / 1000)}.123456`,
          },
        ],
      };
    },
    menuChoice: (message, choice) => ({
      type: 'block_actions',
      user: interactionUser(FAKE_USER),
      api_app_id: state.bot.appId,
      token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
      container: {
        type: 'message',
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: false,
      },
      trigger_id: `${nextId('1337')}.${team.id}`,
      team: { id: team.id, domain: team.domain },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: message.channel, name: state.channels.get(message.channel)?.name ?? 'directmessage' },
      message: { type: 'message', user: state.bot.userId, ts: message.ts, bot_id: state.bot.botId, text: '' },
      state: { values: {} },
      response_url: responseUrl({ channel: message.channel, messageTs: message.ts }),
      actions: [
        {
          type: 'static_select',
          action_id: choice.actionId,
          block_id: 'menu',
          selected_option: {
            text: { type: 'plain_text', text: choice.text, emoji: true },
            value: choice.value,
          },
          placeholder: { type: 'plain_text', text: 'Choose', emoji: true },
          action_ts: `${Math.floor(Date.now() / 1000)}.654321`,
        },
      ],
    }),
    viewSubmission: (callbackId, values) => ({
      type: 'view_submission',
      team: { id: team.id, domain: team.domain },
      user: interactionUser(FAKE_USER),
      api_app_id: state.bot.appId,
      token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
      trigger_id: `${nextId('1337')}.${team.id}`,
      view: {
        id: nextId('V0'),
        team_id: team.id,
        type: 'modal',
        blocks: [],
        private_metadata: '',
        callback_id: callbackId,
        state: {
          values: Object.fromEntries(
            Object.entries(values).map(([blockId, inputs]) => [
              blockId,
              Object.fromEntries(
                Object.entries(inputs).map(([actionId, value]) => [
                  actionId,
                  { type: 'plain_text_input', value },
                ]),
              ),
            ]),
          ),
        },
        hash: '1700000000.abcdEFGH',
        title: { type: 'plain_text', text: 'Order', emoji: true },
        app_id: state.bot.appId,
        bot_id: state.bot.botId,
      },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    }),
  };
}
