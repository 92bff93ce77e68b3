import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BULLMQ_ENGINE_DEFAULTS } from '../src/index';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The options table's rows: option name → its Default cell. */
function documentedDefaults(): Map<string, string> {
  const rows = new Map<string, string>();
  const section = readme.slice(readme.indexOf('## Options'), readme.indexOf('## Redis'));
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const name = /^`([\w.]+)`$/.exec(cells[1] ?? '')?.[1];
    if (name) rows.set(name, cells[2] ?? '');
  }
  return rows;
}

function format(value: unknown): string {
  if (typeof value === 'number') return value.toLocaleString('en-US').replace(/,/g, '_');
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object' && value !== null) {
    return `{ ${Object.entries(value)
      .map(([key, entry]) => `${key}: ${format(entry)}`)
      .join(', ')} }`;
  }
  return String(value);
}

describe('the README', () => {
  it('documents every option with exactly the default the code uses', () => {
    const documented = documentedDefaults();
    const expected = new Map<string, unknown>();
    for (const [name, value] of Object.entries(BULLMQ_ENGINE_DEFAULTS)) {
      if (name === 'retention') {
        for (const [kind, limit] of Object.entries(value as object)) expected.set(`retention.${kind}`, limit);
      } else expected.set(name, value);
    }
    expect([...documented.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, value] of expected) {
      if (value === undefined) continue; // `concurrency`: the endpoint's own setting, described in words
      expect(documented.get(name), name).toContain(format(value));
    }
  });
});
