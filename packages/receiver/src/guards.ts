import {
  type JsonApiRequestEvent,
  type KnownPlatform,
  MESSAGE_EVENT_TYPES,
  type MessageEvent,
  PLATFORMS,
  type VerifyEvent,
  WEBHOOK_EVENT_TYPES,
  type WebhookEvent,
} from './event';

// These guards check the discriminating `type` and that `data` is an object: enough to narrow the union in
// plain JavaScript after `verifyWebhook` (the sender is authenticated by then). They do not validate every
// field; the JSON Schemas in `@bothooks/receiver/schemas/*.json` do.

function hasType(value: unknown, types: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { type, data } = value as { type?: unknown; data?: unknown };
  return typeof type === 'string' && types.includes(type) && typeof data === 'object' && data !== null;
}

/**
 * True for an event of any type bothooks sends.
 *
 * @example
 * ```js
 * if (!isWebhookEvent(event)) return response.status(204).end(); // a newer type: ignore it
 * ```
 */
export function isWebhookEvent(value: unknown): value is WebhookEvent {
  return hasType(value, WEBHOOK_EVENT_TYPES);
}

/** True for a `message.*` event. */
export function isMessageEvent(value: unknown): value is MessageEvent {
  return hasType(value, MESSAGE_EVENT_TYPES);
}

/** True for the `webhook.verify` ping. */
export function isVerifyEvent(value: unknown): value is VerifyEvent {
  return hasType(value, ['webhook.verify']);
}

/** True for a `jsonapi.request`, which expects a `BotReply` JSON answer. */
export function isJsonApiRequest(value: unknown): value is JsonApiRequestEvent {
  return hasType(value, ['jsonapi.request']);
}

/** True for a platform this release knows (`botframework`, `telegram`, `discord`, `slack`). */
export function isKnownPlatform(platform: unknown): platform is KnownPlatform {
  return typeof platform === 'string' && (PLATFORMS as readonly string[]).includes(platform);
}
