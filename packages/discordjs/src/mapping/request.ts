import type { Message as EventMessage } from '@bothooks/core';
import {
  attachmentsFromPayload,
  attachmentsFromUploads,
  type EmbedPayload,
  type PollPayload,
} from './content';
import { type ApiMessage, isApiMessage } from './message';

/** The message fields of a request body (`RESTPostAPIChannelMessageJSONBody`, an interaction callback's `data`). */
interface MessageBody {
  content?: unknown;
  embeds?: unknown;
  poll?: unknown;
  message_reference?: { message_id?: unknown };
}

/**
 * The message a bot asked Discord to send, from the request itself: for answers that return no message
 * (an interaction reply without `withResponse`, a webhook send without `wait`). Uploads are described by
 * name and type only; their bytes are never read.
 */
export function messageFromRequest(
  body: unknown,
  files: readonly { name: string; contentType?: string | undefined }[] | undefined,
  id?: string,
): EventMessage {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as MessageBody;
  const embeds = Array.isArray(fields.embeds) ? (fields.embeds as EmbedPayload[]) : [];
  const poll =
    typeof fields.poll === 'object' && fields.poll !== null ? (fields.poll as PollPayload) : undefined;
  const replyToId = fields.message_reference?.message_id;
  return {
    ...(id !== undefined && { id }),
    ...(typeof fields.content === 'string' && fields.content !== '' && { text: fields.content }),
    attachments: [
      ...attachmentsFromUploads(files),
      ...attachmentsFromPayload({ embeds, ...(poll && { poll }) }),
    ],
    ...(typeof replyToId === 'string' && { replyToId }),
  };
}

/** The `data` of an interaction callback body (`{ type, data }`). */
export function callbackData(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
}

/**
 * The message in an interaction callback's answer: Discord includes it (`resource.message`) only when asked
 * with `with_response=true` (discord.js `withResponse: true`); otherwise it answers 204.
 */
export function callbackMessage(answer: unknown): ApiMessage | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const message = (answer as { resource?: { message?: unknown } }).resource?.message;
  return isApiMessage(message) ? message : undefined;
}
