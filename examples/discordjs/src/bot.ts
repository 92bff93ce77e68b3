import { tagInteraction } from '@bothooks/discordjs';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type Client,
  Events,
  type Interaction,
  type Message,
  SlashCommandBuilder,
} from 'discord.js';

/** The slash commands the bot registers when it starts. */
export const COMMANDS = [
  new SlashCommandBuilder().setName('ping').setDescription('Is the bot there?'),
  new SlashCommandBuilder()
    .setName('order')
    .setDescription('Order a T-shirt')
    .addStringOption((option) =>
      option
        .setName('size')
        .setDescription('Your size')
        .setRequired(true)
        .addChoices({ name: 'S', value: 'S' }, { name: 'M', value: 'M' }, { name: 'L', value: 'L' }),
    ),
];

async function onMessage(message: Message): Promise<void> {
  if (message.author.bot) return;
  const text = message.content.trim();
  if (text === '!ping') {
    await message.reply('pong');
  } else if (text === '!status') {
    // Sent, then edited: the webhooks get message.sent and message.edited with the same id.
    const reply = await message.reply('Checking the courier…');
    await reply.edit('Your parcel arrives on Friday.');
  } else if (text === '!oops') {
    const reply = await message.reply('This message deletes itself.');
    await reply.delete();
  } else if (text.startsWith('!order')) {
    // Endpoints configured with `interactions: ['order']` receive this turn from here on.
    tagInteraction(message, 'order');
    await message.reply({
      content: 'Which size?',
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          ...['S', 'M', 'L'].map((size) =>
            new ButtonBuilder().setCustomId(`size:${size}`).setLabel(size).setStyle(ButtonStyle.Secondary),
          ),
        ),
      ],
    });
  } else if (!message.inGuild()) {
    await message.reply(`You said: ${text}`);
  }
}

async function onInteraction(interaction: Interaction): Promise<void> {
  if (interaction.isChatInputCommand() && interaction.commandName === 'ping') {
    await interaction.reply('pong');
  } else if (interaction.isChatInputCommand() && interaction.commandName === 'order') {
    tagInteraction(interaction, 'order');
    // A deferred reply: the webhooks report the first edit as the reply being sent.
    await interaction.deferReply();
    await interaction.editReply(
      `One T-shirt in size ${interaction.options.getString('size', true)}, coming up.`,
    );
  } else if (interaction.isButton() && interaction.customId.startsWith('size:')) {
    tagInteraction(interaction, 'order');
    await interaction.update({
      content: `Size ${interaction.customId.slice('size:'.length)}, noted.`,
      components: [],
    });
  }
}

/** Registers the bot's listeners, and its slash commands once it is logged in. */
export function registerBot(client: Client): void {
  client.on(Events.MessageCreate, onMessage);
  client.on(Events.InteractionCreate, onInteraction);
  client.once(Events.ClientReady, async (ready) => {
    await ready.application.commands.set(COMMANDS.map((command) => command.toJSON()));
  });
}
