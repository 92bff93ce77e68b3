import type { ResolvedEndpoint } from './config';
import { integer, isRecord, knownOptions, nearest, stringList } from './config-checks';
import { ENDPOINT_DEFAULTS } from './defaults';
import { ConfigError } from './errors';
import { decodeSecret } from './secret';

const ENDPOINT_OPTIONS = [
  'id',
  'url',
  'secret',
  'unsigned',
  'events',
  'interactions',
  'filter',
  'headers',
  'ordering',
  'transform',
  'timeoutMs',
  'maxConcurrency',
] as const;

/**
 * Headers bothooks sets, and hop-by-hop or framing headers that a proxy or the HTTP client owns: a value set by
 * hand would be wrong on every request, discovered as eight failed attempts over 27 hours.
 */
const RESERVED_HEADERS = new Set([
  'content-type',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'host',
  'user-agent',
]);
const RESERVED_PREFIXES = ['webhook-', 'proxy-'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const EVENT_PATTERN = /^(\*|[a-zA-Z0-9_]+(\.[a-zA-Z0-9_]+)*(\.\*)?)$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The default endpoint id: origin and path, so neither a query token nor credentials end up in events or logs. */
export function defaultEndpointId(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/**
 * Validates one endpoint's configuration and resolves it. `field` is its path for errors (`endpoints[2]`).
 * @throws {ConfigError} naming the first wrong option.
 */
export function resolveEndpoint(
  config: unknown,
  field: string,
  defaults: { timeoutMs: number; maxConcurrency: number; eventTypes: readonly string[] },
): ResolvedEndpoint {
  if (!isRecord(config)) throw new ConfigError(field, 'must be an object with at least a url');
  knownOptions(config, ENDPOINT_OPTIONS, field);
  const url = parseUrl(config.url, `${field}.url`);
  const headers = resolveHeaders(config.headers, `${field}.headers`);
  if (url.username !== '' || url.password !== '') {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization ??= `Basic ${Buffer.from(credentials).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const keys = resolveKeys(config, field);

  if (
    config.id !== undefined &&
    (typeof config.id !== 'string' || config.id === '' || config.id.length > 200)
  ) {
    throw new ConfigError(`${field}.id`, 'must be a string of 1 to 200 characters');
  }
  if (config.filter !== undefined && typeof config.filter !== 'function') {
    throw new ConfigError(`${field}.filter`, 'must be a function');
  }
  if (config.transform !== undefined && typeof config.transform !== 'function') {
    throw new ConfigError(`${field}.transform`, 'must be a function');
  }
  if (config.ordering !== undefined && config.ordering !== 'none' && config.ordering !== 'conversation') {
    throw new ConfigError(`${field}.ordering`, "must be 'none' or 'conversation'");
  }
  const interactions = stringList(config.interactions, `${field}.interactions`);
  const events = stringList(config.events, `${field}.events`, EVENT_PATTERN) ?? ENDPOINT_DEFAULTS.events;
  events.forEach((pattern, index) => {
    checkEventPattern(pattern, `${field}.events[${index}]`, defaults.eventTypes);
  });

  return {
    id: (config.id as string | undefined) ?? defaultEndpointId(url),
    url,
    target: { origin: url.origin, path: `${url.pathname}${url.search}`, hostname: url.hostname },
    keys,
    events: compileEvents(events),
    interactions: interactions ? new Set(interactions) : undefined,
    filter: config.filter as ResolvedEndpoint['filter'],
    headers,
    ordering: (config.ordering as ResolvedEndpoint['ordering'] | undefined) ?? ENDPOINT_DEFAULTS.ordering,
    transform: config.transform as ResolvedEndpoint['transform'],
    timeoutMs: integer(config.timeoutMs, `${field}.timeoutMs`, defaults.timeoutMs, 1, 600_000),
    maxConcurrency: integer(
      config.maxConcurrency,
      `${field}.maxConcurrency`,
      defaults.maxConcurrency,
      1,
      1024,
    ),
  };
}

function parseUrl(value: unknown, field: string): URL {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(field, 'must be an absolute http(s) URL string');
  }
  if (!SCHEME.test(value)) {
    throw new ConfigError(field, `has no scheme; add https:// (or http:// for a local receiver) in front`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(field, 'is not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(field, `must use http: or https:, not ${url.protocol}`);
  }
  return url;
}

function resolveHeaders(value: unknown, field: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (value === undefined) return headers;
  if (!isRecord(value)) throw new ConfigError(field, 'must be an object of strings');
  for (const [name, headerValue] of Object.entries(value)) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name)) throw new ConfigError(`${field}.${name}`, 'is not a valid header name');
    if (RESERVED_HEADERS.has(lower) || RESERVED_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
      throw new ConfigError(
        `${field}.${name}`,
        'is reserved: bothooks or the HTTP client sets it (webhook-*, content-*, host, user-agent and hop-by-hop headers)',
      );
    }
    if (typeof headerValue !== 'string' || /[\r\n\0]/.test(headerValue)) {
      throw new ConfigError(`${field}.${name}`, 'must be a string without line breaks');
    }
    headers[lower] = headerValue;
  }
  return headers;
}

/**
 * The signing keys. A missing secret is an error unless `unsigned: true` says so: the classic mistake is an
 * environment variable that is not set, which must not quietly turn signing off.
 */
function resolveKeys(config: Record<string, unknown>, field: string): Buffer[] {
  const secretField = `${field}.secret`;
  const hasSecret = 'secret' in config;
  if (config.unsigned !== undefined && typeof config.unsigned !== 'boolean') {
    throw new ConfigError(`${field}.unsigned`, 'must be true or false');
  }
  if (config.unsigned === true) {
    if (hasSecret)
      throw new ConfigError(secretField, 'cannot be combined with unsigned: true; keep one of them');
    return [];
  }
  const { secret } = config;
  const sendUnsigned = 'or set unsigned: true to send unsigned webhooks on purpose';
  if (!hasSecret) {
    throw new ConfigError(secretField, `is required: give the endpoint's whsec_ secret, ${sendUnsigned}`);
  }
  if (secret === undefined || secret === null) {
    throw new ConfigError(
      secretField,
      `is ${String(secret)}: usually an environment variable that is not set (process.env.WEBHOOK_SECRET); set it, ${sendUnsigned}`,
    );
  }
  if (secret === '' || (Array.isArray(secret) && secret.length === 0)) {
    throw new ConfigError(
      secretField,
      `is empty: usually an environment variable set to nothing (WEBHOOK_SECRET=); set it, ${sendUnsigned}`,
    );
  }
  const secrets: unknown[] =
    typeof secret === 'string' ? [secret] : Array.isArray(secret) ? secret : [secret];
  if (typeof secret !== 'string' && !Array.isArray(secret)) {
    throw new ConfigError(secretField, 'must be a string or an array of strings');
  }
  return secrets.map((entry, index) => {
    const entryField = typeof secret === 'string' ? secretField : `${secretField}[${index}]`;
    if (typeof entry === 'string' && entry !== entry.trim()) {
      throw new ConfigError(
        entryField,
        'has whitespace or a line break around it (copied with a newline, or read from a file without trimming); remove it',
      );
    }
    const decoded = decodeSecret(entry, { requirePrefix: true });
    if ('reason' in decoded) throw new ConfigError(entryField, decoded.reason);
    return decoded.key;
  });
}

function checkEventPattern(pattern: string, field: string, known: readonly string[]): void {
  if (pattern === '*') return;
  if (pattern.endsWith('.*')) {
    const prefix = pattern.slice(0, -1);
    if (known.some((type) => type.startsWith(prefix))) return;
    throw new ConfigError(field, `matches no event type (known: ${known.join(', ')})`);
  }
  if (known.includes(pattern)) return;
  const suggestion = nearest(pattern, known);
  throw new ConfigError(
    field,
    `is not an event type${suggestion === undefined ? '' : `; did you mean "${suggestion}"?`} (declare your own in customEventTypes)`,
  );
}

function compileEvents(patterns: readonly string[]): ResolvedEndpoint['events'] {
  return {
    all: patterns.includes('*'),
    exact: new Set(patterns.filter((pattern) => !pattern.endsWith('*'))),
    prefixes: patterns.filter((pattern) => pattern.endsWith('.*')).map((pattern) => pattern.slice(0, -1)),
  };
}

/** True when an endpoint's `events` patterns accept this event type. Runs for every event and endpoint. */
export function acceptsType(endpoint: ResolvedEndpoint, type: string): boolean {
  const { events } = endpoint;
  if (events.all || events.exact.has(type)) return true;
  for (const prefix of events.prefixes) if (type.startsWith(prefix)) return true;
  return false;
}
