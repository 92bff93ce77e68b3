import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { eventFromQuery, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@bothooks/receiver';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// Every event a test receives is checked against the JSON Schemas that @bothooks/receiver ships, so a
// mapping change that breaks the documented contract fails the adapter's own tests. The shipped schemas
// leave objects open for forward compatibility; here every object is closed, so an undocumented field fails too.

type Schema = { [key: string]: unknown };

const require = createRequire(import.meta.url);

function closeObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(closeObjects);
  if (value === null || typeof value !== 'object') return value;
  const schema = Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, closeObjects(entry)]));
  if ('properties' in schema && !('additionalProperties' in schema)) schema.additionalProperties = false;
  return schema;
}

let validators: Map<string, ValidateFunction> | undefined;

function validatorFor(type: WebhookEventType): ValidateFunction {
  if (!validators) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    (addFormats as unknown as (instance: Ajv2020) => void)(ajv);
    validators = new Map(
      WEBHOOK_EVENT_TYPES.map((name) => {
        const file = require.resolve(`@bothooks/receiver/schemas/${name}.json`);
        const schema = closeObjects(JSON.parse(readFileSync(file, 'utf8'))) as Schema;
        return [name, ajv.compile(schema)];
      }),
    );
  }
  return validators.get(type) as ValidateFunction;
}

/** The bothooks event a request carries, if any: the JSON body, or the query of a GET JSON API request. */
function eventOf(method: string, url: string, body: string): { event: unknown; type: string } | undefined {
  if (method === 'GET') {
    const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
    if (!new URLSearchParams(query).has('conversation_id')) return undefined;
    try {
      return { event: eventFromQuery(query), type: 'jsonapi.request' };
    } catch (error) {
      return { event: { invalidQuery: (error as Error).message }, type: 'jsonapi.request' };
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const type = (parsed as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? { event: parsed, type } : undefined;
}

/** The bothooks event a request carries (a GET JSON API request's rebuilt from its query), if any. */
export function carriedEvent(method: string, url: string, body: string): unknown {
  const found = eventOf(method, url, body);
  return found && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(found.type) ? found.event : undefined;
}

/**
 * The schema violations of the bothooks event a request carries, as readable lines; empty when it conforms
 * or carries no bothooks event (a custom type, a transformed body, something that is not JSON).
 */
export function eventSchemaViolations(method: string, url: string, body: string): string[] {
  const found = eventOf(method, url, body);
  if (!found || !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(found.type)) return [];
  const validate = validatorFor(found.type as WebhookEventType);
  if (validate(found.event)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${found.type}: ${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}${
        error.keyword === 'additionalProperties'
          ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
          : ''
      }`,
  );
}
