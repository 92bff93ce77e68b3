import { concatBytes, utf8 } from './bytes';
import { WebhookVerificationError } from './errors';

/** The default `maxBodyBytes` of the request helpers: far above any bothooks event (the sender caps at 256 KiB). */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/** Checks a `maxBodyBytes` option. */
export function maxBodyBytesOf(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_BODY_BYTES;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new WebhookVerificationError('INVALID_OPTIONS', 'maxBodyBytes must be a positive integer');
  return value;
}

function tooLarge(limit: number): WebhookVerificationError {
  return new WebhookVerificationError('PAYLOAD_TOO_LARGE', `the body is larger than maxBodyBytes (${limit})`);
}

/** Refuses early when a `content-length` header already says the body is too large. */
export function checkDeclaredLength(declared: string | null | undefined, limit: number): void {
  if (declared !== null && declared !== undefined && /^\d+$/.test(declared) && Number(declared) > limit)
    throw tooLarge(limit);
}

/** Reads a stream of chunks into one buffer, refusing (and stopping) once it passes `limit` bytes. */
export async function readChunks(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>,
  limit: number,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? utf8(chunk) : chunk;
    length += bytes.length;
    if (length > limit) throw tooLarge(limit);
    parts.push(bytes);
  }
  return concatBytes(parts);
}

/** Reads a fetch body stream with the same limit. */
export async function readStream(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array> {
  if (stream === null) return new Uint8Array(0);
  const reader = stream.getReader();
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      // Stops the upload of a body we refused instead of reading it to the end.
      reader.cancel().catch(() => undefined);
    }
  }
  return readChunks(chunks(), limit);
}
