/**
 * Query parameters that carry credentials in the URLs channels put on attachments: Direct Line's `t`
 * (a conversation token), SharePoint's `tempauth`, Azure SAS `sig`, S3 and GCS pre-signed parameters, and the
 * generic names people use for tokens and keys.
 */
const CREDENTIAL_PARAMETERS = new Set([
  't',
  'token',
  'access_token',
  'id_token',
  'tempauth',
  'sig',
  'signature',
  'code',
  'key',
  'apikey',
  'api_key',
  'api-key',
  'auth',
  'authorization',
  'password',
  'secret',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token',
  'x-goog-signature',
  'x-goog-credential',
]);

/**
 * An http(s) URL that is safe to put in an event: without user info, fragment or credential query parameters.
 * Anything else (`data:` URLs, which are the file itself, `blob:`, relative or malformed URLs) gives `undefined`.
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
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) {
    if (CREDENTIAL_PARAMETERS.has(name.toLowerCase())) url.searchParams.delete(name);
  }
  return url.toString();
}
