import { tagTurn } from '@bothooks/core/adapter';
import type { DiscordContext } from './options';

/**
 * Tags the turn started by a message or interaction with an interaction name: its inbound message is sent
 * at once to the endpoints scoped to that interaction (`interactions: ['order']`), and so is every later
 * event of the turn. Called with any other object, it tags the turn the caller runs in. Never throws.
 *
 * @param messageOrInteraction The message or interaction the bot is handling.
 * @param name The interaction, e.g. `'order'`.
 * @returns Whether a turn was tagged: false without bothooks on the client, outside any turn, or for an empty
 *   name (reported through `hooks.on('error')` as `INVALID_INTERACTION`).
 * @example
 * ```ts
 * client.on('messageCreate', async (message) => {
 *   if (message.content.startsWith('!order')) {
 *     tagInteraction(message, 'order');
 *     await message.reply('Which size?');
 *   }
 * });
 * ```
 */
export function tagInteraction(messageOrInteraction: DiscordContext, name: string): boolean {
  return tagTurn(messageOrInteraction, name);
}
