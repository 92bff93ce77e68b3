import { readFileSync } from 'node:fs';
import type { Message, Update } from 'telegraf/types';

function read(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
}

/** A recorded update from `fixtures/`; the files are Bot API payloads, so they are typed as such. */
export function updateFixture(name: string): Update {
  return read(name) as Update;
}

/** A recorded `Message` result from `fixtures/`. */
export function messageFixture(name: string): Message {
  return read(name) as Message;
}
