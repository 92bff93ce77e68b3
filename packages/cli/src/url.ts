import { usageError } from './errors';

/**
 * Parses a URL argument. Only `http:` and `https:` are accepted; the error never repeats the value, which may
 * hold credentials.
 *
 * @throws {CliError} a usage error.
 */
export function parseHttpUrl(value: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`${name} is not an absolute URL`, 'for example http://127.0.0.1:4800/hooks');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`${name} must be an http: or https: URL, not ${url.protocol}`);
  }
  return url;
}

/** The URL to show: without credentials or query. */
export function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
