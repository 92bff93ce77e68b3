/** The Web API methods that send, edit or delete a message, and what each does. */
export const MESSAGE_METHODS = {
  'chat.postMessage': 'send',
  'chat.postEphemeral': 'send',
  'chat.meMessage': 'send',
  'chat.update': 'edit',
  'chat.delete': 'delete',
  // A stream is one message whose markdown grows: sent when it starts, edited (with all of it) when it stops.
  'chat.startStream': 'send',
  'chat.appendStream': 'edit',
  'chat.stopStream': 'edit',
  // The last step of `files.uploadV2`: it shares the uploaded files in the channel, as a message.
  'files.completeUploadExternal': 'send',
} as const satisfies Record<string, 'send' | 'edit' | 'delete'>;

export type MessageMethod = keyof typeof MESSAGE_METHODS;

/** The methods of a stream, whose text is the sum of what each call carried. */
export function isStreamMethod(method: string): boolean {
  return method === 'chat.startStream' || method === 'chat.appendStream' || method === 'chat.stopStream';
}

/** What a Web API method does to messages; undefined for every other method (reads, reactions, views). */
export function callKind(method: unknown): 'send' | 'edit' | 'delete' | undefined {
  return typeof method === 'string' && Object.hasOwn(MESSAGE_METHODS, method)
    ? MESSAGE_METHODS[method as MessageMethod]
    : undefined;
}

/** Each message method as the group and name of the pre-bound function a `WebClient` holds for it. */
export function clientPath(method: MessageMethod): [group: 'chat' | 'files', name: string] {
  const [group, name] = method.split('.') as ['chat' | 'files', string];
  return [group, name];
}
