import { readFileSync } from 'node:fs';

/** A recorded payload from `fixtures/`, as the JSON object Slack sends. */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}
