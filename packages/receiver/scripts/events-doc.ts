import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../src/event';
import { EVENT_TYPE_NAMES, UNION_SCHEMA } from './schemas';

// Renders docs/events.md: every field (from the generated JSON Schemas, so from the TypeScript types) and an
// example payload per event type and platform, taken from what the adapters' tests really sent (see
// capture-events.ts). test/events-doc.test.ts re-renders the page from the examples it holds and fails when
// the committed page differs, so fields cannot go stale.

type Schema = { [key: string]: unknown };
type Event = { type: string; data?: { platform?: string } };

/** Where each example came from, for the page. */
export const PLATFORM_SOURCES: Record<string, string> = {
  botframework: '`@bothooks/botbuilder`',
  telegram: '`@bothooks/telegraf`',
  discord: '`@bothooks/discordjs`',
};

/** The objects the field tables describe, in reading order. */
const OBJECTS = [
  'MessageEventData',
  'Account',
  'Conversation',
  'Message',
  'Attachment',
  'MessageAction',
  'MessageFailure',
  'VerifyEventData',
  'JsonApiRequestData',
];

function typeOf(schema: Schema): string {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() ?? '';
    return name === 'Platform' ? 'string (`Platform`)' : `[\`${name}\`](#${name.toLowerCase()})`;
  }
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => `\`"${String(value)}"\``).join(' \\| ');
  if (schema.type === 'array') return `${typeOf((schema.items ?? {}) as Schema)}[]`;
  if (schema.type === 'object') return 'object';
  return String(schema.type ?? 'any');
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function fieldTable(name: string, schema: Schema): string {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const rows = Object.entries(properties).map(
    ([field, property]) =>
      `| \`${field}\` | ${typeOf(property)} | ${required.has(field) ? 'yes' : 'no'} | ${escapeCell(String(property.description ?? ''))} |`,
  );
  return [
    `### ${name}`,
    '',
    escapeCell(String(schema.description ?? '')),
    '',
    '| Field | Type | Required | Description |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function definitions(schemas: Record<string, Schema>): Record<string, Schema> {
  const all: Record<string, Schema> = {};
  for (const schema of Object.values(schemas)) Object.assign(all, schema.$defs ?? {});
  return all;
}

/** The examples of the page, by type then platform. */
export type Examples = Partial<Record<WebhookEventType, Record<string, unknown>>>;

const EXAMPLE_HEADING = /^#### `([a-z.]+)` from (\S+)(?: platform)?$/;

/** Reads the examples back from a rendered page. */
export function examplesOf(page: string): Examples {
  const examples: Examples = {};
  const lines = page.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const heading = EXAMPLE_HEADING.exec(lines[index] ?? '');
    if (!heading) continue;
    const start = lines.indexOf('```json', index) + 1;
    const end = lines.indexOf('```', start);
    const type = heading[1] as WebhookEventType;
    examples[type] = {
      ...examples[type],
      [heading[2] as string]: JSON.parse(lines.slice(start, end).join('\n')),
    };
  }
  return examples;
}

/** The field paths of a value, to pick the most telling example. */
function fieldCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, entry) => sum + fieldCount(entry), 0);
  if (value === null || typeof value !== 'object') return 1;
  return Object.values(value).reduce((sum: number, entry) => sum + 1 + fieldCount(entry), 0);
}

/** Picks one example per type and platform: the one showing the most fields, then the shortest. */
export function pickExamples(events: readonly Event[]): Examples {
  const examples: Examples = {};
  for (const event of events) {
    if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(event.type)) continue;
    const type = event.type as WebhookEventType;
    const platform = event.data?.platform ?? 'any';
    const current = examples[type]?.[platform];
    const better =
      current === undefined ||
      fieldCount(event) > fieldCount(current) ||
      (fieldCount(event) === fieldCount(current) &&
        JSON.stringify(event).length < JSON.stringify(current).length);
    if (better) examples[type] = { ...examples[type], [platform]: event };
  }
  return examples;
}

/** The whole page. */
export function renderEventsDoc(schemas: Record<string, Schema>, examples: Examples): string {
  const defs = definitions(schemas);
  const typeRows = WEBHOOK_EVENT_TYPES.map((type) => {
    const schema = schemas[`${type}.json`] as Schema;
    return `| [\`${type}\`](#${type.replaceAll('.', '')}) | \`${EVENT_TYPE_NAMES[type]}\` | ${escapeCell(String(schema.description ?? '').replace(/^`[^`]+`: /, ''))} |`;
  });
  const exampleSections = WEBHOOK_EVENT_TYPES.map((type) => {
    const byPlatform = examples[type] ?? {};
    const platforms = Object.keys(byPlatform).sort();
    const body =
      platforms.length === 0
        ? ['No adapter test sent one in this release.']
        : platforms.flatMap((platform) => [
            `#### \`${type}\` from ${platform}${platform === 'any' ? ' platform' : ''}`,
            '',
            '```json',
            JSON.stringify(byPlatform[platform], null, 2),
            '```',
            '',
          ]);
    return [`### ${type}`, '', ...body].join('\n').trimEnd();
  });
  return `${[
    '# Events',
    '',
    '<!-- Generated by `npm run docs:events` from the TypeScript types of @bothooks/receiver and from the events the',
    "adapters' tests really sent. Do not edit by hand: change the types (their doc comments are the descriptions) and",
    'run it again. -->',
    '',
    'Every endpoint receives Standard Webhooks requests: a `POST` with `content-type: application/json`, the headers',
    '`webhook-id` (stable across retries of one delivery: deduplicate on it), `webhook-timestamp` (Unix seconds of the',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the signed content, written as the spec writes it
    'attempt) and `webhook-signature` (`v1,<base64>` HMAC-SHA256 of `${webhook-id}.${webhook-timestamp}.${body}`;',
    'several, space-separated, during a secret rotation), and a JSON body `{ type, timestamp, data }`. A JSON API',
    'request may instead be a `GET` whose query carries the event; its signature covers',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the signed content, written as the spec writes it
    '`${webhook-id}.${webhook-timestamp}.${query}` (the query string as sent, without the `?`).',
    '',
    'Verify requests with [`@bothooks/receiver`](../packages/receiver) (`verifyWebhook`, `verifyRequest`, `webhookHandler`)',
    'or any Standard Webhooks library. Machine-readable contracts ship in the receiver package:',
    `one JSON Schema (draft 2020-12) per type in \`@bothooks/receiver/schemas/<type>.json\`, the union in`,
    `\`@bothooks/receiver/schemas/${UNION_SCHEMA}\`, and an AsyncAPI 3 document in \`@bothooks/receiver/asyncapi.json\`.`,
    'The schemas leave objects open: a later release may add fields, never remove or retype one without a major version.',
    '',
    '## Types',
    '',
    '| Type | TypeScript | When |',
    '| --- | --- | --- |',
    ...typeRows,
    '',
    '`platform` is open: `botframework`, `telegram`, `discord` and `slack` are the known values (`PLATFORMS`), and an',
    'adapter for another platform may send its own. Handle types you do not know by answering 2xx and ignoring them.',
    '',
    '## Fields',
    '',
    fieldTable('Envelope', {
      ...(schemas['message.received.json'] as Schema),
      description: 'Every event: `{ type, timestamp, data }`.',
    }),
    '',
    ...OBJECTS.filter((name) => defs[name]).flatMap((name) => [fieldTable(name, defs[name] as Schema), '']),
    '## Examples',
    '',
    'One per type and platform. The `message.*` ones are exactly what an adapter sent in its tests, against local',
    `fake platform servers (${Object.values(PLATFORM_SOURCES).join(', ')}). \`webhook.verify\` is the same for every`,
    "platform; it and `jsonapi.request` come from core's tests of `verify()` and `request()` (a GET JSON API request",
    'is shown as `verifyWebhook` and `verifyRequest` rebuild it from its query).',
    '',
    exampleSections.join('\n\n'),
  ].join('\n')}\n`;
}
