import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, ENDPOINT_DEFAULTS } from '../src/index';

// The README documents the defaults of the one table of defaults in code; this keeps the two equal.

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The Default column of a README table, by the option's name. */
function documentedDefaults(heading: string): Map<string, string> {
  const section = readme.slice(readme.indexOf(heading));
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  const tableEnd = section.indexOf('\n\n', section.indexOf('| ---'));
  const table = rows.filter((line) => section.indexOf(line) < tableEnd);
  return new Map(
    table.map((line) => {
      const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim());
      return [cells[1]?.replaceAll('`', '') ?? '', cells[3] ?? ''];
    }),
  );
}

const code = (value: number | string | boolean) =>
  `\`${typeof value === 'number' && value >= 10_000 ? value.toLocaleString('en-US').replaceAll(',', '_') : typeof value === 'string' ? `'${value}'` : String(value)}\``;

function duration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

describe("core's README", () => {
  it('documents the instance defaults that option resolution uses', () => {
    const documented = documentedDefaults('## Options');
    const { retry, queue, circuitBreaker } = DEFAULTS;
    expect(Object.fromEntries(documented)).toMatchObject({
      timeoutMs: code(DEFAULTS.timeoutMs),
      retry: `${retry.delays.map(duration).join(', ')}; ±${retry.jitter * 100} %; ${duration(retry.maxRetryAfterMs)}`,
      'queue.maxSize': code(queue.maxSize),
      'queue.overflow': code(queue.overflow),
      maxConcurrency: code(DEFAULTS.maxConcurrency),
      circuitBreaker: [
        circuitBreaker.failureThreshold,
        circuitBreaker.cooldownMs,
        circuitBreaker.maxCooldownMs,
      ]
        .map(code)
        .join(', '),
      maxBodyBytes: code(DEFAULTS.maxBodyBytes),
      blockPrivateNetworks: code(DEFAULTS.blockPrivateNetworks),
      userAgent: code(DEFAULTS.userAgent.replace(/\/[^ ]+ /, '/<version> ')).replaceAll("'", ''),
      closeTimeoutMs: code(DEFAULTS.closeTimeoutMs),
      telemetry: code(DEFAULTS.telemetry),
      engine: '`inlineEngine()`',
    });
  });

  it('documents the endpoint defaults', () => {
    const documented = documentedDefaults('### Endpoint');
    expect(documented.get('events')).toBe(
      `\`[${ENDPOINT_DEFAULTS.events.map((type) => `'${type}'`).join(', ')}]\``,
    );
    expect(documented.get('ordering')).toBe(code(ENDPOINT_DEFAULTS.ordering));
  });
});
