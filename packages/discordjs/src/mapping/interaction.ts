import type {
  Account,
  Attachment,
  Message as EventMessage,
  MessageAction,
  MessageEventData,
} from '@bothooks/core';
import type { CommandInteractionOption, Interaction, ModalData } from 'discord.js';
import { accountFromUser } from './accounts';
import { attachmentsFromStructures } from './content';
import { channelFacts, conversationOf } from './conversation';
import { messageEventData } from './message';

/** Discord API `ApplicationCommandOptionType` values that group other options. */
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;
/** Discord API `InteractionContextType.BotDM`. */
const BOT_DM_CONTEXT = 1;
const DM_CHANNEL = 1;

type OptionValue = string | number | boolean;

/** The leaf options of a command, by name (subcommand levels are part of the command's name instead). */
function leafOptions(options: readonly CommandInteractionOption[]): Record<string, OptionValue> {
  const leaves: Record<string, OptionValue> = {};
  for (const option of options) {
    if (option.type === SUBCOMMAND || option.type === SUBCOMMAND_GROUP) {
      Object.assign(leaves, leafOptions(option.options ?? []));
    } else if (option.value !== undefined) {
      leaves[option.name] = option.value;
    }
  }
  return leaves;
}

/** `/name group sub`, the command as the user typed it. */
function commandPath(options: readonly CommandInteractionOption[], name: string): string {
  const path = [name];
  let level = options;
  for (;;) {
    const group = level[0];
    if (!group || (group.type !== SUBCOMMAND && group.type !== SUBCOMMAND_GROUP)) break;
    path.push(group.name);
    level = group.options ?? [];
  }
  return path.join(' ');
}

function modalValue(field: ModalData): unknown {
  if ('value' in field) return field.value;
  if ('values' in field) return [...field.values];
  return undefined;
}

/**
 * The structured input of an interaction, in core's `MessageAction` form:
 * - slash command: `{ kind: 'command', value: 'name sub', options: { option: value } }`;
 * - user or message context menu: `{ kind: 'command', value: 'name', options: { targetId } }`;
 * - button: `{ kind: 'button', value: customId }`;
 * - select menu: `{ kind: 'select', value: 'a,b', options: { customId, values: ['a', 'b'] } }`;
 * - modal submit: `{ kind: 'modal', value: customId, options: { fieldCustomId: value } }`.
 * Autocomplete requests are keystrokes, not input: `undefined`.
 */
export function actionOf(interaction: Interaction): MessageAction | undefined {
  if (interaction.isChatInputCommand()) {
    return {
      kind: 'command',
      value: commandPath(interaction.options.data, interaction.commandName),
      options: leafOptions(interaction.options.data),
    };
  }
  if (interaction.isContextMenuCommand()) {
    return { kind: 'command', value: interaction.commandName, options: { targetId: interaction.targetId } };
  }
  if (interaction.isButton()) return { kind: 'button', value: interaction.customId };
  if (interaction.isAnySelectMenu()) {
    return {
      kind: 'select',
      value: interaction.values.join(','),
      options: { customId: interaction.customId, values: [...interaction.values] },
    };
  }
  if (interaction.isModalSubmit()) {
    const options: Record<string, unknown> = {};
    for (const [customId, field] of interaction.fields.fields) options[customId] = modalValue(field);
    return { kind: 'modal', value: interaction.customId, options };
  }
  return undefined;
}

/** How the user would write a slash command: `/ask question:why`. Other interactions carry no text. */
function commandText(action: MessageAction): string | undefined {
  if (action.kind !== 'command' || 'targetId' in (action.options ?? {})) return undefined;
  const rendered = Object.entries(action.options ?? {}).map(([name, value]) => `${name}:${String(value)}`);
  return [`/${action.value}`, ...rendered].join(' ');
}

function attachmentsOf(interaction: Interaction): Attachment[] {
  if (!interaction.isChatInputCommand()) return [];
  const files = interaction.options.resolved?.attachments;
  if (!files) return [];
  return attachmentsFromStructures({
    attachments: files.values(),
    embeds: [],
    stickers: [],
    poll: null,
    isVoiceMessage: false,
  });
}

/** The user who interacted, with their server nickname and client locale. */
export function interactionUser(interaction: Interaction): Account {
  const member = interaction.member;
  const nickname =
    member && 'nickname' in member ? member.nickname : member && 'nick' in member ? member.nick : null;
  return accountFromUser(interaction.user, nickname ?? null, interaction.locale);
}

/** The conversation an interaction happened in. */
export function interactionConversation(interaction: Interaction) {
  const channel = interaction.channel;
  if (channel) return conversationOf(channelFacts(channel));
  const inDm = !interaction.guildId && interaction.context === BOT_DM_CONTEXT;
  return conversationOf({
    id: interaction.channelId ?? '',
    guildId: interaction.guildId,
    ...(inDm && { type: DM_CHANNEL }),
  });
}

/** The message part of an interaction's event: its id is the interaction's; components reply to their message. */
export function interactionMessage(interaction: Interaction): EventMessage | undefined {
  const action = actionOf(interaction);
  if (!action) return undefined;
  const text = commandText(action);
  const replyToId = interaction.isMessageComponent() ? interaction.message.id : undefined;
  return {
    id: interaction.id,
    ...(text !== undefined && { text }),
    attachments: attachmentsOf(interaction),
    ...(replyToId && { replyToId }),
    action,
  };
}

/** A slash command, context menu command, component or modal the user sent (`interactionCreate`). */
export function receivedInteractionData(
  interaction: Interaction,
  bot: Account,
): MessageEventData | undefined {
  const message = interactionMessage(interaction);
  if (!message) return undefined;
  return messageEventData(
    'inbound',
    { bot, conversation: interactionConversation(interaction), user: interactionUser(interaction) },
    message,
  );
}
