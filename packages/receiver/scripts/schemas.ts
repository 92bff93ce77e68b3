import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../src/event';

// Generates the JSON Schemas (draft 2020-12) and the AsyncAPI 3 document from the TypeScript types in
// src/event.ts, so the model has one source. `npm run generate -w @bothooks/receiver` writes them;
// test/schemas.test.ts fails when the committed files differ from what the types give.

/** A JSON value, loosely. */
type Json = { [key: string]: Json } | Json[] | string | number | boolean | null;
type JsonObject = { [key: string]: Json };

const root = fileURLToPath(new URL('..', import.meta.url));

/** The TypeScript type each event type's schema is generated from. */
export const EVENT_TYPE_NAMES: Record<WebhookEventType, string> = {
  'message.received': 'MessageReceivedEvent',
  'message.sent': 'MessageSentEvent',
  'message.edited': 'MessageEditedEvent',
  'message.deleted': 'MessageDeletedEvent',
  'message.failed': 'MessageFailedEvent',
  'webhook.verify': 'VerifyEvent',
  'jsonapi.request': 'JsonApiRequestEvent',
};

/** The file name of the schema of every event type, and of the union. */
export const UNION_SCHEMA = 'webhook-event.json';

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

function renameReferences(value: Json, from: string, to: string): Json {
  if (Array.isArray(value)) return value.map((entry) => renameReferences(entry, from, to));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      key === '$ref' && typeof entry === 'string'
        ? entry.replace(from, to)
        : renameReferences(entry, from, to),
    ]),
  );
}

/** One type's schema in draft 2020-12: `$defs` instead of draft-07's `definitions`. */
function schemaOf(
  generator: ReturnType<typeof createGenerator>,
  typeName: string,
  title: string,
): JsonObject {
  const {
    $schema: _draft07,
    definitions,
    ...rest
  } = generator.createSchema(typeName) as unknown as JsonObject;
  const body = renameReferences(rest, '#/definitions/', '#/$defs/') as JsonObject;
  const defs = renameReferences(definitions ?? {}, '#/definitions/', '#/$defs/') as JsonObject;
  return {
    $schema: DRAFT_2020_12,
    title,
    ...body,
    ...(Object.keys(defs).length > 0 && { $defs: defs }),
  };
}

/** Every schema file, by file name. */
export function generateSchemas(): Record<string, JsonObject> {
  const generator = createGenerator({
    path: `${root}/src/event.ts`,
    tsconfig: `${root}/tsconfig.json`,
    type: '*',
    expose: 'export',
    topRef: false,
    jsDoc: 'extended',
    // Open objects: a receiver that validates with this release's schemas keeps accepting events of a later
    // one that adds a field. The tests validate strictly (see testkit's event-schemas.ts).
    additionalProperties: true,
    skipTypeCheck: true,
  });
  const files: Record<string, JsonObject> = {};
  for (const type of WEBHOOK_EVENT_TYPES)
    files[`${type}.json`] = schemaOf(generator, EVENT_TYPE_NAMES[type], type);
  files[UNION_SCHEMA] = schemaOf(generator, 'WebhookEvent', 'bothooks webhook event');
  return files;
}

/** The AsyncAPI 3.0 document: the sender's `send` operation to a receiver's endpoint, one message per event type. */
export function generateAsyncApi(schemas: Record<string, JsonObject>): JsonObject {
  const manifest = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string };
  const components: JsonObject = {};
  const messages: JsonObject = {};
  for (const type of WEBHOOK_EVENT_TYPES) {
    const { $schema: _draft, $defs, title: _title, ...schema } = schemas[`${type}.json`] as JsonObject;
    for (const [name, definition] of Object.entries(($defs ?? {}) as JsonObject))
      components[name] = renameReferences(definition, '#/$defs/', '#/components/schemas/');
    const name = EVENT_TYPE_NAMES[type];
    components[name] = renameReferences(schema, '#/$defs/', '#/components/schemas/');
    messages[name] = {
      name: type,
      title: type,
      summary: (schema.description as string) ?? type,
      contentType: 'application/json',
      headers: { $ref: '#/components/schemas/StandardWebhooksHeaders' },
      payload: { $ref: `#/components/schemas/${name}` },
    };
  }
  components.StandardWebhooksHeaders = {
    type: 'object',
    description:
      'The Standard Webhooks headers; `svix-*` names carry the same values for Svix-signed traffic.',
    required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
    properties: {
      'webhook-id': {
        type: 'string',
        description: 'The message id: the same across retries of one delivery.',
      },
      'webhook-timestamp': {
        type: 'string',
        pattern: '^[0-9]+$',
        description: 'Unix seconds of this attempt.',
      },
      'webhook-signature': {
        type: 'string',
        description:
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the signed content, written as the spec writes it
          'Space-separated `v1,<base64>` HMAC-SHA256 signatures of `${webhook-id}.${webhook-timestamp}.${body}` (for a GET JSON API request: of the query string instead of the body), one per secret during a rotation.',
      },
    },
  };
  const messageReferences = Object.keys(messages).map((name) => ({
    $ref: `#/channels/endpoint/messages/${name}`,
  }));
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'bothooks webhooks',
      version: manifest.version,
      description:
        'The signed webhooks a chatbot sends through bothooks: one message per event a bot receives or sends, the Verify ping, and JSON API requests that expect a BotReply answer. Verify them with @bothooks/receiver or any Standard Webhooks library.',
      license: { name: 'MIT' },
      externalDocs: { url: 'https://github.com/bothooks/bothooks/blob/main/docs/events.md' },
    },
    defaultContentType: 'application/json',
    channels: {
      endpoint: {
        address: '{endpointUrl}',
        title: 'A receiver endpoint',
        description:
          'The URL configured for an endpoint (`createWebhooks({ endpoints: [{ url }] })`). Events are POSTed; a JSON API request may be a GET carrying the event as query parameters.',
        parameters: { endpointUrl: { description: 'The endpoint URL.' } },
        messages,
      },
    },
    operations: {
      deliverEvent: {
        action: 'send',
        title: 'Deliver an event',
        summary: 'POST one event to the endpoint; 2xx acknowledges it, anything else is retried.',
        channel: { $ref: '#/channels/endpoint' },
        messages: messageReferences.filter((reference) => !reference.$ref.endsWith('/JsonApiRequestEvent')),
      },
      requestReply: {
        action: 'send',
        title: 'Ask for a reply (JSON API)',
        summary: 'Send a jsonapi.request and use the BotReply JSON answer in the conversation.',
        channel: { $ref: '#/channels/endpoint' },
        messages: [{ $ref: '#/channels/endpoint/messages/JsonApiRequestEvent' }],
      },
    },
    components: { schemas: components },
  };
}

/** The file contents, as written: two-space JSON with a final newline. */
export function serialize(value: Json): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
