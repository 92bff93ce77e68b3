import type { Client } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import button from '../../test/fixtures/interaction-button.json';
import selectMenu from '../../test/fixtures/interaction-select-menu.json';
import slashCommand from '../../test/fixtures/interaction-slash-command.json';
import subcommand from '../../test/fixtures/interaction-subcommand.json';
import { buildButton, buildCommand, buildSelectMenu, offlineClient } from '../../test/structures';
import { actionOf, interactionConversation, interactionUser, receivedInteractionData } from './interaction';

const bot = { id: '775799577604522054', name: 'Card Bot' };
let client: Client;
beforeEach(() => {
  client = offlineClient();
});
afterEach(async () => {
  await client.destroy();
});

describe('slash commands', () => {
  it('maps the documented example command to an inbound event', () => {
    expect(receivedInteractionData(buildCommand(client, slashCommand), bot)).toEqual({
      platform: 'discord',
      direction: 'inbound',
      bot,
      conversation: { id: '645027906669510667', isGroup: true, guildId: '290926798626357999' },
      user: { id: '53908232506183680', name: 'Mason', username: 'Mason', locale: 'en-US' },
      message: {
        id: '786008729715212338',
        text: '/cardsearch cardname:The Gitrog Monster',
        attachments: [],
        action: { kind: 'command', value: 'cardsearch', options: { cardname: 'The Gitrog Monster' } },
      },
    });
  });

  it('names subcommand groups and subcommands in the value and flattens their options', () => {
    const interaction = buildCommand(client, subcommand);
    expect(actionOf(interaction)).toEqual({
      kind: 'command',
      value: 'settings permissions user',
      options: { user: '53908232506183681', notify: true },
    });
    expect(interactionUser(interaction)).toEqual({
      id: '53908232506183680',
      name: 'Mason',
      username: 'Mason',
      locale: 'fr',
    });
  });

  it('knows a command in the bot’s DMs is in a DM even when the channel is not cached', () => {
    const interaction = buildCommand(client, subcommand);
    expect(interactionConversation(interaction)).toEqual({
      id: '645027906669510668',
      type: 'dm',
      isGroup: false,
    });
  });
});

describe('components', () => {
  it('maps a button press as a reply to the message it is on', () => {
    const data = receivedInteractionData(buildButton(client, button), bot);
    expect(data?.message).toEqual({
      id: '846462639134605312',
      attachments: [],
      replyToId: '844397162624450620',
      action: { kind: 'button', value: 'click_one' },
    });
    expect(data?.user).toEqual({
      id: '53908232506183680',
      name: 'Mason',
      username: 'Mason',
      locale: 'en-GB',
    });
  });

  it('maps a select menu with its values and the member’s nickname', () => {
    const data = receivedInteractionData(buildSelectMenu(client, selectMenu), bot);
    expect(data?.message.action).toEqual({
      kind: 'select',
      value: 'mage,rogue',
      options: { customId: 'class_select_1', values: ['mage', 'rogue'] },
    });
    expect(data?.user?.name).toBe('Bot Man');
    expect(data?.message.replyToId).toBe('847587334500646933');
  });
});
