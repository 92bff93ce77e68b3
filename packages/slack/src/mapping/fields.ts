/** A JSON object as Slack sends it: read defensively, since payload shapes vary by type and age. */
export type Json = Record<string, unknown>;

export function record(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

export function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(record).filter((entry) => entry !== undefined) : [];
}

/** A non-empty string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The longest summary an event carries: enough to recognise blocks or a card, never their whole content. */
export const SUMMARY_LENGTH = 200;

/** Whitespace folded and cut to {@link SUMMARY_LENGTH}. */
export function summarise(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const flat = value.replace(/\s+/g, ' ').trim();
  if (flat === '') return undefined;
  return flat.length <= SUMMARY_LENGTH ? flat : `${flat.slice(0, SUMMARY_LENGTH - 1)}…`;
}
