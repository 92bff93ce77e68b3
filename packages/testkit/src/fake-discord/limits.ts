/**
 * The limits Discord enforces on a message body, answered as Discord does: `400` with JSON code `50035`
 * ("Invalid Form Body") naming the field. A bot that sends too much gets the same refusal from the fake.
 */

/** Discord's `Invalid Form Body`, with the field and the rule it breaks. */
export interface FormProblem {
  field: string;
  code: string;
  message: string;
}

const CONTENT = 2000;
const EMBEDS = 10;
const EMBED_TITLE = 256;
const EMBED_DESCRIPTION = 4096;
const ROWS = 5;
const ROW_BUTTONS = 5;
const CUSTOM_ID = 100;
const LABEL = 80;
const URL_LENGTH = 512;
/** `MessageFlags.IsComponentsV2`: layouts Discord validates by other rules, which the fake does not model. */
const COMPONENTS_V2 = 1 << 15;

const Component = { ActionRow: 1, Button: 2 } as const;
const LINK_STYLE = 5;
const PREMIUM_STYLE = 6;

function maxLength(field: string, limit: number): FormProblem {
  return { field, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${limit} or fewer in length.` };
}

function button(value: Record<string, unknown>, field: string, problems: FormProblem[]): void {
  const style = value.style;
  if (typeof value.label === 'string' && value.label.length > LABEL) {
    problems.push(maxLength(`${field}.label`, LABEL));
  }
  if (style === LINK_STYLE) {
    if (typeof value.url !== 'string') {
      problems.push({ field: `${field}.url`, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    } else if (value.url.length > URL_LENGTH) {
      problems.push(maxLength(`${field}.url`, URL_LENGTH));
    }
    if (value.custom_id !== undefined) {
      problems.push({
        field: `${field}.custom_id`,
        code: 'BUTTON_COMPONENT_LINK_CANNOT_HAVE_CUSTOM_ID',
        message: 'A link button cannot have a custom id',
      });
    }
    return;
  }
  if (style === PREMIUM_STYLE) return;
  const customId = value.custom_id;
  if (typeof customId !== 'string' || customId === '') {
    problems.push({
      field: `${field}.custom_id`,
      code: 'BASE_TYPE_REQUIRED',
      message: 'This field is required',
    });
  } else if (customId.length > CUSTOM_ID) {
    problems.push(maxLength(`${field}.custom_id`, CUSTOM_ID));
  }
}

function components(rows: unknown[], problems: FormProblem[]): void {
  if (rows.length > ROWS) problems.push(maxLength('components', ROWS));
  const customIds = new Set<string>();
  rows.forEach((row, rowIndex) => {
    const rowField = `components[${rowIndex}]`;
    const record = (row ?? {}) as { type?: unknown; components?: unknown };
    if (record.type !== Component.ActionRow || !Array.isArray(record.components)) {
      problems.push({
        field: `${rowField}.type`,
        code: 'UNION_TYPE_CHOICES',
        message: 'Value must be an action row',
      });
      return;
    }
    if (record.components.length > ROW_BUTTONS)
      problems.push(maxLength(`${rowField}.components`, ROW_BUTTONS));
    record.components.forEach((entry, index) => {
      const field = `${rowField}.components[${index}]`;
      const value = (entry ?? {}) as Record<string, unknown>;
      if (value.type === Component.Button) button(value, field, problems);
      if (typeof value.custom_id === 'string') {
        if (customIds.has(value.custom_id)) {
          problems.push({
            field: `${field}.custom_id`,
            code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
            message: 'Component custom id cannot be duplicated',
          });
        }
        customIds.add(value.custom_id);
      }
    });
  });
}

/** What Discord would refuse in a message body (create or edit); empty when it would accept it. */
export function formProblems(json: Record<string, unknown>): FormProblem[] {
  const problems: FormProblem[] = [];
  if (typeof json.content === 'string' && json.content.length > CONTENT) {
    problems.push(maxLength('content', CONTENT));
  }
  if (Array.isArray(json.embeds)) {
    if (json.embeds.length > EMBEDS) problems.push(maxLength('embeds', EMBEDS));
    json.embeds.forEach((entry, index) => {
      const embed = (entry ?? {}) as { title?: unknown; description?: unknown };
      if (typeof embed.title === 'string' && embed.title.length > EMBED_TITLE) {
        problems.push(maxLength(`embeds[${index}].title`, EMBED_TITLE));
      }
      if (typeof embed.description === 'string' && embed.description.length > EMBED_DESCRIPTION) {
        problems.push(maxLength(`embeds[${index}].description`, EMBED_DESCRIPTION));
      }
    });
  }
  const flags = typeof json.flags === 'number' ? json.flags : 0;
  if (Array.isArray(json.components) && (flags & COMPONENTS_V2) === 0) components(json.components, problems);
  return problems;
}

/** The message Discord answers with: `Invalid Form Body`, then one line per field. */
export function formProblemMessage(problems: FormProblem[]): string {
  return [
    'Invalid Form Body',
    ...problems.map((problem) => `${problem.field}[${problem.code}]: ${problem.message}`),
  ].join('\n');
}
