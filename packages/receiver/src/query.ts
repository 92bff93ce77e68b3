import { WebhookVerificationError } from './errors';
import type { JsonApiRequestData, JsonApiRequestEvent } from './event';

/**
 * The signed content of a GET request: the exact query string of the URL as sent, without the `?` (an empty
 * string when there is none) and without any `#fragment`. Accepts an absolute URL or a path such as Node's
 * `request.url`.
 */
export function queryOf(url: string | URL): string {
  const text = typeof url === 'string' ? url : url.href;
  const withoutFragment = text.split('#', 1)[0] ?? '';
  const mark = withoutFragment.indexOf('?');
  return mark === -1 ? '' : withoutFragment.slice(mark + 1);
}

const ATTRIBUTE_PREFIX = 'attributes.';

function invalid(message: string): WebhookVerificationError {
  return new WebhookVerificationError('INVALID_PAYLOAD', `the signed query ${message}`);
}

/**
 * Rebuilds the `jsonapi.request` event a GET JSON API request carries in its query (the parameters of core's
 * `eventQuery`). When a name appears more than once the last value wins: the endpoint URL's own parameters
 * come first and the event's are appended after them.
 */
export function eventFromQuery(query: string): JsonApiRequestEvent {
  const parameters = new URLSearchParams(query);
  const last = (name: string): string | undefined => parameters.getAll(name).at(-1);
  const required = (name: string): string => {
    const value = last(name);
    if (value === undefined || value === '') throw invalid(`has no "${name}" parameter`);
    return value;
  };
  const timestamp = required('timestamp');
  if (Number.isNaN(Date.parse(timestamp))) throw invalid('has a "timestamp" that is not an ISO 8601 time');
  const direction = required('direction');
  if (direction !== 'inbound' && direction !== 'outbound')
    throw invalid('has a "direction" that is neither "inbound" nor "outbound"');

  const userId = last('user_id');
  const userName = last('user_name');
  const messageId = last('message_id');
  const text = last('text');
  const channel = last('channel');
  const interaction = last('interaction');
  const actionKind = last('action_kind');
  const actionValue = last('action_value');
  // fromEntries defines own properties, so a parameter named `attributes.__proto__` is just a name.
  const attributeEntries = [...parameters]
    .filter(([name]) => name.startsWith(ATTRIBUTE_PREFIX) && name.length > ATTRIBUTE_PREFIX.length)
    .map(([name, value]) => [name.slice(ATTRIBUTE_PREFIX.length), value] as const);
  const data: JsonApiRequestData = {
    platform: required('platform'),
    direction,
    ...(channel !== undefined && { channel }),
    conversation: { id: required('conversation_id') },
    ...(userId !== undefined && { user: { id: userId, ...(userName !== undefined && { name: userName }) } }),
    message: {
      ...(messageId !== undefined && { id: messageId }),
      ...(text !== undefined && { text }),
      attachments: [],
      // A button press or command: what was pressed, so a GET endpoint can answer it too.
      ...(actionKind !== undefined && {
        action: { kind: actionKind, ...(actionValue !== undefined && { value: actionValue }) },
      }),
    },
    ...(interaction !== undefined && { interaction }),
    ...(attributeEntries.length > 0 && { attributes: Object.fromEntries(attributeEntries) }),
  };
  return { type: 'jsonapi.request', timestamp, data };
}
