import { readdirSync, readFileSync } from 'node:fs';
import type { Message, Update } from '../src/mapping/bot-api';

const directory = new URL('./fixtures/', import.meta.url);

function read(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`${name}.json`, directory), 'utf8'));
}

/** A recorded update from `fixtures/`; the files are Bot API payloads, so they are typed as such. */
export function updateFixture(name: string): Update {
  return read(name) as Update;
}

/** A recorded `Message` result from `fixtures/`. */
export function messageFixture(name: string): Message {
  return read(name) as Message;
}

/** Every recorded update (the files with an `update_id`), by name: what each adapter replays through its framework. */
export function recordedUpdates(): [string, Update][] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .map((name): [string, unknown] => [name, read(name)])
    .filter((entry): entry is [string, Update] => {
      const value = entry[1];
      return typeof value === 'object' && value !== null && 'update_id' in value;
    });
}

/** A recorded Bot API error answer (`{ ok: false, error_code, description, parameters? }`) from `fixtures/`. */
export function errorFixture(name: string): Record<string, unknown> {
  return read(name) as Record<string, unknown>;
}
