import type { Attachment } from '@bothooks/core';
import { describeSource } from '@bothooks/platform-telegram';

/**
 * Describes one of Telegraf's upload objects, `{ source: Buffer | stream | path, filename? }` or
 * `{ url, filename? }` (Telegraf downloads the URL and uploads it), from its properties only: the stream is never
 * read and the path never opened.
 *
 * @param type The attachment type (`photo`, `document`, ...).
 * @param value An object given as a file to a Bot API call.
 * @returns The attachment, or `undefined` for an object that is not one of Telegraf's uploads.
 * @example
 * ```ts
 * describeInputFile('document', { source: Buffer.alloc(2_048), filename: 'invoice.pdf' });
 * // { type: 'document', name: 'invoice.pdf', size: 2048 }
 * ```
 */
export function describeInputFile(type: string, value: object): Attachment | undefined {
  const { source, url, filename } = value as { source?: unknown; url?: unknown; filename?: unknown };
  const name = typeof filename === 'string' ? filename : undefined;
  if (typeof url === 'string') return describeSource(type, { url }, name);
  return source === undefined ? undefined : describeSource(type, source, name);
}
