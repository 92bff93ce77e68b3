import picocolors from 'picocolors';

/** The colour functions a command prints with; every one is the identity when colour is off. */
export type Colors = ReturnType<typeof picocolors.createColors>;

/** What a command writes to: the process's streams, or a test's. */
export interface Output {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; hasColors?: () => boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; hasColors?: () => boolean };
  env: NodeJS.ProcessEnv;
}

/**
 * Colour only on a terminal that has it. `NO_COLOR` (any non-empty value, https://no-color.org) always turns
 * it off; `FORCE_COLOR` (other than `0`) turns it on where there is no terminal, e.g. under a pager.
 */
export function colorEnabled(stream: Output['stdout'], env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && (stream.hasColors?.() ?? false);
}

export function colorsFor(stream: Output['stdout'], env: NodeJS.ProcessEnv): Colors {
  return picocolors.createColors(colorEnabled(stream, env));
}

// C0 and C1 controls, DEL, and the Unicode line and bidi controls that can reorder what a terminal shows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes a string from a request safe to print: control characters become visible escapes, so a webhook body
 * cannot move the cursor, recolour the terminal or hide text. Long strings are cut to `maxLength`.
 */
export function printable(value: string, maxLength = Number.POSITIVE_INFINITY): string {
  const escaped = value.replace(UNSAFE, (character) => {
    if (character === '\n') return '\\n';
    if (character === '\r') return '\\r';
    if (character === '\t') return '\\t';
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return escaped.length > maxLength ? `${escaped.slice(0, Math.max(0, maxLength - 1))}…` : escaped;
}
