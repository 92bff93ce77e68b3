import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import asyncApiSpecs from '@asyncapi/specs';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { generateAsyncApi, generateSchemas, serialize, UNION_SCHEMA } from '../scripts/schemas';
import { WEBHOOK_EVENT_TYPES, type WebhookEvent } from '../src/event';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string): string => readFileSync(`${root}/${path}`, 'utf8');
const withFormats = addFormats as unknown as (ajv: Ajv | Ajv2020) => void;

function compile(file: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  withFormats(ajv);
  return ajv.compile(JSON.parse(read(`schemas/${file}`)));
}

// One valid event of every type, checked by the compiler against the TypeScript types (`satisfies`):
// the schemas generated from those types must accept each of them.
const examples = {
  'message.received': {
    type: 'message.received',
    timestamp: '2026-11-25T16:21:17.123Z',
    data: {
      platform: 'telegram',
      direction: 'inbound',
      bot: { id: '123456', name: 'shopbot', username: 'shop_bot' },
      conversation: { id: '42', type: 'private' },
      user: { id: '42', name: 'Ada Lovelace', locale: 'en' },
      message: {
        id: '7',
        text: 'hello',
        attachments: [{ type: 'photo', fileId: 'AgAC', size: 1024 }],
        action: { kind: 'command', value: 'order', options: { size: 'L' } },
      },
      interaction: 'order',
      attributes: { locale: 'en', visits: 3 },
    },
  },
  'message.sent': {
    type: 'message.sent',
    timestamp: '2026-11-25T16:21:18.000Z',
    data: {
      platform: 'matrix',
      direction: 'outbound',
      bot: { id: 'b' },
      conversation: { id: 'c', isGroup: true },
      message: { id: 'm', attachments: [], replyToId: 'n' },
    },
  },
  'message.edited': {
    type: 'message.edited',
    timestamp: '2026-11-25T16:21:19.000Z',
    data: {
      platform: 'discord',
      direction: 'inbound',
      bot: { id: 'b' },
      conversation: { id: 'c', guildId: 'g', threadId: 't' },
      message: { id: 'm', text: 'fixed', attachments: [] },
    },
  },
  'message.deleted': {
    type: 'message.deleted',
    timestamp: '2026-11-25T16:21:20.000Z',
    data: {
      platform: 'botframework',
      channel: 'msteams',
      direction: 'outbound',
      bot: { id: 'b' },
      conversation: { id: 'c', tenantId: 't' },
      message: { ids: ['1', '2'], attachments: [] },
    },
  },
  'message.failed': {
    type: 'message.failed',
    timestamp: '2026-11-25T16:21:21.000Z',
    data: {
      platform: 'telegram',
      direction: 'outbound',
      bot: { id: 'b' },
      conversation: { id: 'c' },
      message: { text: 'hi', attachments: [] },
      error: {
        operation: 'send',
        code: 'FORBIDDEN',
        platformCode: '403',
        message: 'Forbidden: bot was blocked by the user',
        status: 403,
      },
    },
  },
  'webhook.verify': {
    type: 'webhook.verify',
    timestamp: '2026-11-25T16:21:22.000Z',
    data: { challenge: 'c_1' },
  },
  'jsonapi.request': {
    type: 'jsonapi.request',
    timestamp: '2026-11-25T16:21:23.000Z',
    data: {
      platform: 'telegram',
      direction: 'inbound',
      conversation: { id: '42' },
      message: { text: 'quote?', attachments: [] },
      attributes: { tier: 'gold' },
    },
  },
} satisfies { [TType in WebhookEvent['type']]: Extract<WebhookEvent, { type: TType }> };

describe('the JSON Schemas', () => {
  it('are what the TypeScript types generate (run `npm run generate -w @bothooks/receiver` after changing them)', () => {
    const generated = generateSchemas();
    expect(readdirSync(`${root}/schemas`).sort()).toEqual(Object.keys(generated).sort());
    for (const [file, schema] of Object.entries(generated))
      expect(read(`schemas/${file}`), file).toBe(serialize(schema));
    expect(read('asyncapi.json')).toBe(serialize(generateAsyncApi(generated)));
  });

  it('are draft 2020-12, one per event type and one for the union', () => {
    for (const type of WEBHOOK_EVENT_TYPES) {
      const schema = JSON.parse(read(`schemas/${type}.json`));
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.properties.type.const).toBe(type);
    }
  });

  it.each(WEBHOOK_EVENT_TYPES)(
    'accept a %s that the TypeScript types accept, and refuse a broken one',
    (type) => {
      const validate = compile(`${type}.json`);
      const example = examples[type];
      expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
      expect(validate({ ...example, type: 'message.recieved' })).toBe(false);
      expect(validate({ ...example, timestamp: 'yesterday' })).toBe(false);
      expect(validate({ ...example, data: undefined })).toBe(false);
    },
  );

  it('check the required fields of message data and the open platform', () => {
    const validate = compile('message.received.json');
    const { data } = examples['message.received'];
    const { conversation: _conversation, ...withoutConversation } = data;
    expect(validate({ ...examples['message.received'], data: withoutConversation })).toBe(false);
    expect(validate({ ...examples['message.received'], data: { ...data, platform: 'matrix' } })).toBe(true);
    expect(validate({ ...examples['message.received'], data: { ...data, platform: 7 } })).toBe(false);
    expect(validate({ ...examples['message.received'], data: { ...data, direction: 'sideways' } })).toBe(
      false,
    );
  });

  it('leave objects open, so a later release that adds a field still validates', () => {
    const validate = compile('message.received.json');
    const later = structuredClone(examples['message.received']) as { data: Record<string, unknown> };
    later.data.reactions = ['👍'];
    expect(validate(later)).toBe(true);
  });

  it('has a union schema that accepts every type', () => {
    const validate = compile(UNION_SCHEMA);
    for (const example of Object.values(examples)) expect(validate(example), example.type).toBe(true);
    expect(validate({ type: 'order.created', timestamp: '2026-11-25T16:21:17.123Z', data: {} })).toBe(false);
  });
});

describe('the AsyncAPI document', () => {
  it('is a valid AsyncAPI 3.0 document', () => {
    // The spec bundles its own copy of the draft-07 meta-schema, so Ajv's built-in one stays out.
    const ajv = new Ajv({
      allErrors: true,
      strict: false,
      validateFormats: false,
      meta: false,
      validateSchema: false,
    });
    const validate = ajv.compile(asyncApiSpecs.schemas['3.0.0']);
    const document = JSON.parse(read('asyncapi.json'));
    expect(validate(document), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The validator is not vacuous: AsyncAPI 2's "publish" is no action in 3.0.
    const broken = structuredClone(document);
    broken.operations.deliverEvent.action = 'publish';
    expect(validate(broken)).toBe(false);
  });

  it('describes every event type as a message whose payload accepts its example', () => {
    const document = JSON.parse(read('asyncapi.json'));
    const messages = Object.values(document.channels.endpoint.messages) as {
      name: string;
      payload: { $ref: string };
    }[];
    expect(messages.map((message) => message.name)).toEqual([...WEBHOOK_EVENT_TYPES]);
    const ajv = new Ajv({ allErrors: true, strict: false });
    withFormats(ajv);
    ajv.addSchema({ $id: 'asyncapi', components: document.components }, 'asyncapi');
    for (const message of messages) {
      const validate = ajv.compile({ $ref: `asyncapi${message.payload.$ref}` });
      expect(validate(examples[message.name as keyof typeof examples]), message.name).toBe(true);
    }
  });
});
