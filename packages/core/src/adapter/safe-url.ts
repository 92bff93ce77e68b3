/**
 * An http(s) URL that is safe to put in an event: without user info, query or fragment, which is where
 * credentials ride (pre-signed links, Direct Line's `t`, SharePoint's `tempauth`, `?token=`). Anything else
 * (`data:` URLs, which are the file itself, `blob:`, relative or malformed URLs) gives `undefined`.
 *
 * @example
 * ```ts
 * safeUrl('https://bucket.s3.amazonaws.com/a.pdf?X-Amz-Signature=abc'); // 'https://bucket.s3.amazonaws.com/a.pdf'
 * ```
 */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.href;
}
