/** What one request was about, as far as it says: the fields a delivery line and the inspector's list show. */
export interface RequestSummary {
  type?: string;
  platform?: string;
  conversation?: string;
  user?: string;
  text?: string;
  /** The `data.challenge` of a `webhook.verify` ping. */
  challenge?: string;
  /** The parsed JSON body, or the query parameters of a GET; absent when the body is not JSON. */
  event?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function fromEnvelope(event: unknown): RequestSummary {
  if (!isRecord(event)) return { event };
  const data = isRecord(event.data) ? event.data : {};
  const conversation = isRecord(data.conversation) ? data.conversation : {};
  const user = isRecord(data.user) ? data.user : {};
  const message = isRecord(data.message) ? data.message : {};
  return {
    type: text(event.type),
    platform: text(data.platform),
    conversation: text(conversation.name) ?? text(conversation.id),
    user: text(user.name) ?? text(user.username) ?? text(user.id),
    text: text(message.text),
    challenge: event.type === 'webhook.verify' ? text(data.challenge) : undefined,
    event,
  };
}

function fromQuery(query: string): RequestSummary {
  const parameters = new URLSearchParams(query);
  const get = (name: string) => text(parameters.get(name));
  return {
    type: get('type') ?? 'jsonapi.request',
    platform: get('platform'),
    conversation: get('conversation_id'),
    user: get('user_name') ?? get('user_id'),
    text: get('text'),
    event: Object.fromEntries(parameters),
  };
}

/**
 * Reads a request the way it was sent: a GET is a JSON API request described by its query string; anything else
 * carries the envelope as its body. Untrusted input: nothing here assumes a field exists or has its type.
 */
export function summarise(method: string, query: string, body: Buffer): RequestSummary {
  if (method === 'GET') return fromQuery(query);
  if (body.length === 0) return {};
  try {
    return fromEnvelope(JSON.parse(body.toString('utf8')));
  } catch {
    return {};
  }
}
