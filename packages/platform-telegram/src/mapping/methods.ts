/** What an outbound Bot API call does to messages. */
export type CallKind = 'send' | 'edit' | 'delete';

const SENDS_WITHOUT_SEND_PREFIX = new Set([
  'copyMessage',
  'copyMessages',
  'forwardMessage',
  'forwardMessages',
]);
// `send*` methods that do not create a message.
const NOT_MESSAGES = new Set(['sendChatAction']);

/**
 * Classifies a Bot API method: `send*` (and copies and forwards) send, `editMessage*` and
 * `stopMessageLiveLocation` edit, `deleteMessage(s)` delete. Everything else (`getUpdates`, `answerCallbackQuery`,
 * `sendChatAction`, `setMessageReaction`, ...) is not a message and is not reported. Methods added to the Bot API
 * later are classified by the same prefixes.
 */
export function callKind(method: string): CallKind | undefined {
  if (method.startsWith('send')) return NOT_MESSAGES.has(method) ? undefined : 'send';
  if (SENDS_WITHOUT_SEND_PREFIX.has(method)) return 'send';
  if (method.startsWith('editMessage') || method === 'stopMessageLiveLocation') return 'edit';
  if (method === 'deleteMessage' || method === 'deleteMessages') return 'delete';
  return undefined;
}
