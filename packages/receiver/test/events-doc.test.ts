import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { examplesOf, renderEventsDoc } from '../scripts/events-doc';
import { generateSchemas } from '../scripts/schemas';
import { WEBHOOK_EVENT_TYPES } from '../src/event';

const page = readFileSync(fileURLToPath(new URL('../../../docs/events.md', import.meta.url)), 'utf8');
const examples = examplesOf(page);

describe('docs/events.md', () => {
  it('documents every field of the current types (run `npm run docs:events` after changing them)', () => {
    expect(page).toBe(renderEventsDoc(generateSchemas(), examples));
  });

  it('has an example of every message type from every adapter, and of the other types', () => {
    for (const type of WEBHOOK_EVENT_TYPES.filter((name) => name.startsWith('message.')))
      expect(Object.keys(examples[type] ?? {}).sort(), type).toEqual([
        'botframework',
        'discord',
        'slack',
        'telegram',
      ]);
    expect(Object.keys(examples['webhook.verify'] ?? {})).toEqual(['any']);
    expect(Object.keys(examples['jsonapi.request'] ?? {}).length).toBeGreaterThan(0);
  });

  it('shows examples that validate against their schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    (addFormats as unknown as (instance: Ajv2020) => void)(ajv);
    const schemas = generateSchemas();
    for (const type of WEBHOOK_EVENT_TYPES) {
      const validate = ajv.compile(schemas[`${type}.json`] as object);
      for (const [platform, example] of Object.entries(examples[type] ?? {})) {
        expect(validate(example), `${type} from ${platform}: ${JSON.stringify(validate.errors)}`).toBe(true);
        expect((example as { data: { platform?: string } }).data.platform ?? 'any').toBe(platform);
      }
    }
  });
});
