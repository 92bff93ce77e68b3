import { ConfigError } from './errors';

/** The small checks every option goes through; each failure is a {@link ConfigError} naming the option's path. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An integer within bounds, or the fallback when absent. `NaN`, `Infinity` and fractions are refused. */
export function integer(
  value: unknown,
  field: string,
  fallback: number,
  minimum: number,
  maximum: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw new ConfigError(field, `must be an integer from ${minimum} to ${maximum}, not ${describe(value)}`);
  }
  return value;
}

export function boolean(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean')
    throw new ConfigError(field, `must be true or false, not ${describe(value)}`);
  return value;
}

export function stringList(value: unknown, field: string, pattern?: RegExp): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new ConfigError(field, 'must be an array of strings');
  return value.map((entry, index) => {
    if (typeof entry !== 'string' || entry === '' || (pattern && !pattern.test(entry))) {
      throw new ConfigError(
        `${field}[${index}]`,
        pattern ? `must match ${pattern}` : 'must be a non-empty string',
      );
    }
    return entry;
  });
}

/**
 * Refuses option names that do not exist, naming the nearest one that does: a typo (`secrets`, `timeout`,
 * `queue.maxsize`) would otherwise be ignored without a word, and silently send unsigned webhooks or leave a
 * guard off.
 */
export function knownOptions(input: Record<string, unknown>, known: readonly string[], path: string): void {
  for (const name of Object.keys(input)) {
    if (known.includes(name)) continue;
    const field = path === '' ? name : `${path}.${name}`;
    const suggestion = nearest(name, known);
    throw new ConfigError(
      field,
      suggestion === undefined
        ? `unknown option (known: ${known.join(', ')})`
        : `unknown option; did you mean "${suggestion}"?`,
    );
  }
}

/** The known name closest to `name` (case-insensitive edit distance), if any is close enough to be a typo. */
export function nearest(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A third of the name may differ: `secrets` → `secret`, `timeout` → `timeoutMs`, not `id` → `url`.
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const substitution = (previous[column - 1] ?? 0) + (left[row - 1] === right[column - 1] ? 0 : 1);
      current.push(Math.min((previous[column] ?? 0) + 1, (current[column - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/** A value, for an error message: its type and, for numbers and booleans, the value. Never a string's content. */
export function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : typeof value;
}
