import type { PayloadFactory } from './payloads';
import { FAKE_CHANNELS, FAKE_USER, type FakeUser, type SlackState } from './state';

type InteractionPayloads = Pick<PayloadFactory, 'command' | 'buttonPress' | 'menuChoice' | 'viewSubmission'>;

/** What Slack POSTs for slash commands and interactions (https://docs.slack.dev/reference/interaction-payloads). */
export function createInteractionPayloads(
  state: SlackState,
  responseUrl: (target: { channel: string; messageTs?: string }) => string,
  nextId: (prefix: string) => string,
): InteractionPayloads {
  const team = state.team;
  const interactionUser = (user: FakeUser) => ({
    id: user.id,
    username: user.name,
    name: user.name,
    team_id: team.id,
  });
  return {
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
