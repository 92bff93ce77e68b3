import type { Attachment } from '@bothooks/core';

/** The longest embed or poll summary sent; embeds can carry 4096 characters each, which no event needs. */
export const SUMMARY_LENGTH = 200;

/** Discord's `IS_VOICE_MESSAGE` message flag. */
export const VOICE_MESSAGE_FLAG = 1 << 13;

export interface AttachmentPayload {
  id: string;
  filename: string;
  url?: string;
  content_type?: string;
  size?: number;
}

export interface EmbedPayload {
  title?: string;
  description?: string;
  url?: string;
}

export interface StickerItemPayload {
  id: string;
  name?: string;
}

export interface PollPayload {
  question?: { text?: string };
  answers?: { poll_media?: { text?: string } }[];
}

/** What the structures of discord.js expose for the same parts. */
export interface ContentStructures {
  attachments: Iterable<{ id: string; name: string; url: string; contentType: string | null; size: number }>;
  embeds: readonly { title: string | null; description: string | null; url: string | null }[];
  stickers: Iterable<{ id: string; name: string }>;
  poll: { question: { text: string | null }; answers: Iterable<{ text: string | null }> } | null;
  isVoiceMessage: boolean;
}

export function summarise(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  return text.length <= SUMMARY_LENGTH ? text : `${text.slice(0, SUMMARY_LENGTH - 1)}…`;
}

function fileKind(contentType: string | null | undefined, isVoiceMessage: boolean): string {
  if (isVoiceMessage) return 'voice';
  if (contentType?.startsWith('image/')) return 'photo';
  if (contentType?.startsWith('video/')) return 'video';
  if (contentType?.startsWith('audio/')) return 'audio';
  return 'file';
}

function file(
  id: string,
  name: string,
  url: string | undefined,
  contentType: string | null | undefined,
  size: number | undefined,
  isVoiceMessage: boolean,
): Attachment {
  return {
    type: fileKind(contentType, isVoiceMessage),
    ...(contentType && { contentType }),
    ...(url && { url }),
    name,
    fileId: id,
    ...(size !== undefined && { size }),
  };
}

function embed(
  title: string | null | undefined,
  description: string | null | undefined,
  url: string | null | undefined,
): Attachment {
  const summary = summarise(description);
  return { type: 'embed', ...(title && { title }), ...(url && { url }), ...(summary && { summary }) };
}

function poll(question: string | null | undefined, answers: (string | null | undefined)[]): Attachment {
  const summary = summarise(answers.filter((answer): answer is string => Boolean(answer)).join(' / '));
  return { type: 'poll', ...(question && { title: question }), ...(summary && { summary }) };
}

/** Descriptors of the files, embeds, stickers and poll of an API message payload. Never their content. */
export function attachmentsFromPayload(payload: {
  attachments?: AttachmentPayload[];
  embeds?: EmbedPayload[];
  sticker_items?: StickerItemPayload[];
  poll?: PollPayload;
  flags?: number;
}): Attachment[] {
  const isVoiceMessage = ((payload.flags ?? 0) & VOICE_MESSAGE_FLAG) !== 0;
  return [
    ...(payload.attachments ?? []).map((attachment) =>
      file(
        attachment.id,
        attachment.filename,
        attachment.url,
        attachment.content_type,
        attachment.size,
        isVoiceMessage,
      ),
    ),
    ...(payload.embeds ?? []).map((item) => embed(item.title, item.description, item.url)),
    ...(payload.sticker_items ?? []).map((sticker) => ({
      type: 'sticker',
      fileId: sticker.id,
      ...(sticker.name && { name: sticker.name }),
    })),
    ...(payload.poll
      ? [
          poll(
            payload.poll.question?.text,
            (payload.poll.answers ?? []).map((answer) => answer.poll_media?.text),
          ),
        ]
      : []),
  ];
}

/** The same descriptors from a discord.js `Message`. */
export function attachmentsFromStructures(parts: ContentStructures): Attachment[] {
  return [
    ...[...parts.attachments].map((attachment) =>
      file(
        attachment.id,
        attachment.name,
        attachment.url,
        attachment.contentType,
        attachment.size,
        parts.isVoiceMessage,
      ),
    ),
    ...parts.embeds.map((item) => embed(item.title, item.description, item.url)),
    ...[...parts.stickers].map((sticker) => ({ type: 'sticker', fileId: sticker.id, name: sticker.name })),
    ...(parts.poll
      ? [
          poll(
            parts.poll.question.text,
            [...parts.poll.answers].map((answer) => answer.text),
          ),
        ]
      : []),
  ];
}

/** Descriptors of files a bot uploads, from the request: names and types only, never the bytes. */
export function attachmentsFromUploads(
  files: readonly { name: string; contentType?: string | undefined }[] | undefined,
): Attachment[] {
  return (files ?? []).map((upload) => ({
    type: fileKind(upload.contentType, false),
    ...(upload.contentType && { contentType: upload.contentType }),
    name: upload.name,
  }));
}
