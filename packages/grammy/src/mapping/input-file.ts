import type { Attachment } from '@bothooks/core';
import { describeSource } from '@bothooks/platform-telegram';

/**
 * Describes a grammY `InputFile` given to a Bot API call, from its properties only. `InputFile` keeps its source
 * in `fileData` (a path, a `URL` or `{ url }` grammY downloads, bytes, a stream, an iterable or a supplier
 * function) and the name in `filename`; nothing is read, iterated, called or serialised (its `toJSON` throws on
 * purpose, so the payload is never stringified either).
 *
 * @param type The attachment type (`photo`, `document`, ...).
 * @param value An object given as a file to a Bot API call.
 * @returns The attachment, or `undefined` for an object that is not an `InputFile`.
 * @example
 * ```ts
 * describeInputFile('document', new InputFile(Buffer.alloc(2_048), 'invoice.pdf'));
 * // { type: 'document', name: 'invoice.pdf', size: 2048 }
 * ```
 */
export function describeInputFile(type: string, value: object): Attachment | undefined {
  // Duck-typed rather than `instanceof`, so that an InputFile of another copy of grammY is described too.
  if (typeof (value as { toRaw?: unknown }).toRaw !== 'function' || !('fileData' in value)) return undefined;
  const filename = (value as { filename?: unknown }).filename;
  const source: unknown = Reflect.get(value, 'fileData');
  return describeSource(type, source, typeof filename === 'string' ? filename : undefined) ?? { type };
}
