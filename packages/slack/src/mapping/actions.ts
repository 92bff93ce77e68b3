import type { MessageAction } from '@bothooks/core';
import { type Json, record, records, text } from './fields';

/** The labels and values of what a menu, checkbox or radio set has selected. */
function selections(action: Json): { labels: string[]; values: string[] } {
  const options = [record(action.selected_option), ...records(action.selected_options)].filter(
    (option): option is Json => option !== undefined,
  );
  const labels: string[] = [];
  const values: string[] = [];
  for (const option of options) {
    const value = text(option.value);
    if (value !== undefined) values.push(value);
    const label = text(record(option.text)?.text) ?? value;
    if (label !== undefined) labels.push(label);
  }
  // Pickers of people, channels, dates and times select ids or values, not options.
  for (const key of [
    'selected_user',
    'selected_channel',
    'selected_conversation',
    'selected_date',
    'selected_time',
    'selected_date_time',
  ]) {
    const value = action[key];
    if (typeof value === 'string' || typeof value === 'number') values.push(String(value));
  }
  for (const key of ['selected_users', 'selected_channels', 'selected_conversations']) {
    if (Array.isArray(action[key])) values.push(...(action[key] as unknown[]).map(String));
  }
  return { labels, values };
}

/**
 * A Block Kit element interaction, in core's `MessageAction` form, and what the person "said" by it:
 * - a button: `{ kind: 'button', value: <its value, else its action_id> }`, said: its label;
 * - a menu, overflow, checkboxes, radio buttons or a picker: `{ kind: 'select', value: 'a,b' }`, said: the
 *   labels of what was chosen.
 */
export function blockAction(action: Json): { action: MessageAction; text?: string } {
  const actionId = text(action.action_id) ?? text(action.name) ?? '';
  if (action.type === 'button') {
    const label =
      text(record(action.text)?.text) ?? (typeof action.text === 'string' ? action.text : undefined);
    return {
      action: { kind: 'button', value: text(action.value) ?? actionId },
      ...(label !== undefined && { text: label }),
    };
  }
  const { labels, values } = selections(action);
  return {
    action: { kind: 'select', value: values.length > 0 ? values.join(',') : actionId },
    ...(labels.length > 0 && { text: labels.join(', ') }),
  };
}

/** A submitted modal's inputs, by `block_id.action_id`, as the person filled them in. */
export function viewValues(view: Json): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const blocks = record(record(view.state)?.values) ?? {};
  for (const [blockId, inputs] of Object.entries(blocks)) {
    for (const [actionId, input] of Object.entries(record(inputs) ?? {})) {
      const fields = record(input) ?? {};
      const { labels, values: chosen } = selections(fields);
      const value =
        fields.value ?? fields.rich_text_value ?? (chosen.length > 0 ? chosen : undefined) ?? labels;
      if (value !== undefined && value !== null) values[`${blockId}.${actionId}`] = value;
    }
  }
  return values;
}
