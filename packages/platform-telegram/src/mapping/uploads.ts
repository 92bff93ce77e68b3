import { basename } from 'node:path';
import type { Attachment } from '@bothooks/core';
import { safeUrl } from '@bothooks/core/adapter';

/**
 * Describes a framework's own upload object given to a Bot API call (Telegraf's `{ source, filename }`, grammY's
 * `InputFile`), by reading its properties only; `undefined` for an object that is not one. Each adapter has its
 * own, usually a call to {@link describeSource}.
 */
export type InputFileDescriber = (type: string, value: object) => Attachment | undefined;

// The parameter that carries the file of each single-file send method.
const FILE_PARAMETERS: Record<string, string> = {
  sendPhoto: 'photo',
  sendDocument: 'document',
  sendAudio: 'audio',
  sendVideo: 'video',
  sendAnimation: 'animation',
  sendVoice: 'voice',
  sendVideoNote: 'video_note',
  sendSticker: 'sticker',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return basename(value);
  if (Buffer.isBuffer(value) && value.length > 0) return basename(value.toString());
  return undefined;
}

function urlAttachment(type: string, url: string, name: string | undefined): Attachment {
  const safe = safeUrl(url);
  return { type, ...(safe !== undefined && { url: safe }), ...(name !== undefined && { name }) };
}

/**
 * Describes where an upload's bytes come from, as both Telegram frameworks accept them: bytes (a `Buffer` or
 * any `Uint8Array`: their length), a local path (its base name), a URL the framework downloads (without
 * credentials, query or fragment), or a stream (a file stream's path; its size once it has been read to the end,
 * from `bytesRead`). Nothing is read: a stream is never read, piped or listened to, a path never opened, a
 * supplier function never called.
 *
 * @param type The attachment type (`photo`, `document`, ...).
 * @param source The file's source.
 * @param filename The file name the bot gave, which wins over one derived from a path.
 * @returns The attachment, with what the source tells; `undefined` for a source of no known kind without a name.
 * @example
 * ```ts
 * describeSource('document', Buffer.alloc(2_048), 'invoice.pdf'); // { type: 'document', name: 'invoice.pdf', size: 2048 }
 * ```
 */
export function describeSource(type: string, source: unknown, filename?: string): Attachment | undefined {
  const given = filename !== undefined && filename !== '' ? filename : undefined;
  if (source instanceof Uint8Array) {
    return { type, ...(given !== undefined && { name: given }), size: source.byteLength };
  }
  if (typeof source === 'string') {
    const name = given ?? nameOf(source);
    return { type, ...(name !== undefined && { name }) };
  }
  if (source instanceof URL) return urlAttachment(type, source.href, given);
  if (isObject(source) && typeof source.url === 'string') return urlAttachment(type, source.url, given);
  if (isObject(source) && typeof source.pipe === 'function') {
    const name = given ?? nameOf(source.path);
    const size =
      source.readableEnded === true && typeof source.bytesRead === 'number' ? source.bytesRead : undefined;
    return { type, ...(name !== undefined && { name }), ...(size !== undefined && { size }) };
  }
  // Iterables and supplier functions tell nothing without being consumed.
  return given === undefined ? undefined : { type, name: given };
}

/**
 * Describes one file given to the Bot API: a `file_id`, a URL Telegram downloads (without credentials, query or
 * fragment), an `attach://` reference, or the framework's upload object, described by `describeInputFile`.
 * Only properties are read, never contents.
 */
export function describeFile(
  type: string,
  value: unknown,
  describeInputFile: InputFileDescriber,
): Attachment | undefined {
  if (typeof value === 'string') {
    if (value.startsWith('attach://')) return { type };
    if (/^https?:\/\//i.test(value)) return urlAttachment(type, value, undefined);
    return value === '' ? undefined : { type, fileId: value };
  }
  return isObject(value) ? describeInputFile(type, value) : undefined;
}

/**
 * The files a call uploads or references, in order (one per item of a media group), described by
 * {@link describeFile}. Empty for calls without files.
 */
export function describeUploads(
  method: string,
  payload: Record<string, unknown>,
  describeInputFile: InputFileDescriber,
): (Attachment | undefined)[] {
  const describe = (type: unknown, value: unknown) =>
    typeof type === 'string' ? describeFile(type, value, describeInputFile) : undefined;
  if (method === 'sendMediaGroup' && Array.isArray(payload.media)) {
    return payload.media.map((item: unknown) =>
      isObject(item) ? describe(item.type, item.media) : undefined,
    );
  }
  if (method === 'editMessageMedia' && isObject(payload.media)) {
    return [describe(payload.media.type, payload.media.media)];
  }
  const parameter = FILE_PARAMETERS[method];
  return parameter === undefined ? [] : [describe(parameter, payload[parameter])];
}
