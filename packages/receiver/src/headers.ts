/** Header maps as Node (`IncomingHttpHeaders`), Express, undici and fetch (`Headers`) give them. */
export type HeadersLike =
  | { get(name: string): string | null | undefined }
  | Record<string, string | readonly string[] | undefined>;

/** The three Standard Webhooks headers of a request. */
export interface WebhookHeaders {
  id: string;
  timestamp: string;
  signature: string;
}

/** Reads one header case-insensitively; arrays (repeated headers) are joined with spaces. */
export function readHeader(headers: HeadersLike, name: string): string | undefined {
  let value: unknown;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    value = (headers as { get(name: string): string | null | undefined }).get(name);
  } else {
    const record = headers as Record<string, unknown>;
    value = Object.hasOwn(record, name) ? record[name] : undefined;
    if (value === undefined) {
      const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
      value = key === undefined ? undefined : record[key];
    }
  }
  if (Array.isArray(value)) value = value.join(' ');
  return typeof value === 'string' && value !== '' ? value : undefined;
}

// Svix signs exactly as Standard Webhooks does and names the headers `svix-*`; accepting both lets one
// receiver take bothooks and Svix-signed traffic alike.
const FAMILIES = ['webhook', 'svix'] as const;

function readEither(headers: HeadersLike, suffix: string): string | undefined {
  for (const family of FAMILIES) {
    const value = readHeader(headers, `${family}-${suffix}`);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * The `webhook-id` of a request (or its `svix-id`), e.g. to deduplicate deliveries.
 *
 * @example
 * ```ts
 * const id = webhookId(request.headers); // 'msg_2Yh...'
 * ```
 */
export function webhookId(headers: HeadersLike): string | undefined {
  return readEither(headers ?? {}, 'id');
}

/** Reads the three headers, or names the ones that are missing. */
export function readWebhookHeaders(headers: HeadersLike): WebhookHeaders | { missing: string[] } {
  const source = headers ?? {};
  const id = readEither(source, 'id');
  const timestamp = readEither(source, 'timestamp');
  const signature = readEither(source, 'signature');
  if (id !== undefined && timestamp !== undefined && signature !== undefined)
    return { id, timestamp, signature };
  const missing: string[] = [];
  if (id === undefined) missing.push('webhook-id');
  if (timestamp === undefined) missing.push('webhook-timestamp');
  if (signature === undefined) missing.push('webhook-signature');
  return { missing };
}
