import { basename } from 'node:path';
import type { Attachment } from '@bothooks/core';
import { safeUrl } from '@bothooks/core/adapter';

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

/**
 * Describes one file given to the Bot API: an `InputFile` (`{ source: Buffer | stream | path }` or `{ url }`), a
 * `file_id` or a URL. Only properties are read: a stream is never read, piped or listened to, and a path is never
 * opened. A stream's size is known once it has been read to the end (after the upload), from `bytesRead`.
 */
export function describeFile(type: string, value: unknown): Attachment | undefined {
  if (typeof value === 'string') {
    if (value.startsWith('attach://')) return { type };
    if (/^https?:\/\//i.test(value)) {
      const url = safeUrl(value);
      return { type, ...(url !== undefined && { url }) };
    }
    return value === '' ? undefined : { type, fileId: value };
  }
  if (!isObject(value)) return undefined;
  const filename = typeof value.filename === 'string' && value.filename !== '' ? value.filename : undefined;
  if (typeof value.url === 'string') {
    const url = safeUrl(value.url);
    return { type, ...(url !== undefined && { url }), ...(filename !== undefined && { name: filename }) };
  }
  const source = value.source;
  if (Buffer.isBuffer(source)) {
    return { type, ...(filename !== undefined && { name: filename }), size: source.length };
  }
  if (typeof source === 'string') {
    const name = filename ?? nameOf(source);
    return { type, ...(name !== undefined && { name }) };
  }
  if (isObject(source) && typeof source.pipe === 'function') {
    const name = filename ?? nameOf(source.path);
    const size =
      source.readableEnded === true && typeof source.bytesRead === 'number' ? source.bytesRead : undefined;
    return { type, ...(name !== undefined && { name }), ...(size !== undefined && { size }) };
  }
  return undefined;
}

/**
 * The files a call uploads or references, in order (one per item of a media group), described by
 * {@link describeFile}. Empty for calls without files.
 */
export function describeUploads(
  method: string,
  payload: Record<string, unknown>,
): (Attachment | undefined)[] {
  if (method === 'sendMediaGroup' && Array.isArray(payload.media)) {
    return payload.media.map((item: unknown) =>
      isObject(item) && typeof item.type === 'string' ? describeFile(item.type, item.media) : undefined,
    );
  }
  if (method === 'editMessageMedia' && isObject(payload.media) && typeof payload.media.type === 'string') {
    return [describeFile(payload.media.type, payload.media.media)];
  }
  const parameter = FILE_PARAMETERS[method];
  return parameter === undefined ? [] : [describeFile(parameter, payload[parameter])];
}
