import {
  ButtonInteraction,
  ChatInputCommandInteraction,
  Client,
  Message,
  StringSelectMenuInteraction,
} from 'discord.js';

/**
 * Builds real discord.js structures from recorded payloads, offline. discord.js's gateway handlers construct
 * them the same way (`new Message(client, data)`); the typings mark those constructors private, hence
 * `Reflect.construct`.
 */
export function offlineClient(): Client {
  return new Client({ intents: [] });
}

export function buildMessage(client: Client, payload: object): Message {
  return Reflect.construct(Message, [client, payload]);
}

export function buildCommand(client: Client, payload: object): ChatInputCommandInteraction {
  return Reflect.construct(ChatInputCommandInteraction, [client, payload]);
}

export function buildButton(client: Client, payload: object): ButtonInteraction {
  return Reflect.construct(ButtonInteraction, [client, payload]);
}

export function buildSelectMenu(client: Client, payload: object): StringSelectMenuInteraction {
  return Reflect.construct(StringSelectMenuInteraction, [client, payload]);
}
