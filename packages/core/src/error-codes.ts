/**
 * The codes of the faults core and the adapters report through `hooks.on('error')` (`ErrorReport.code`).
 * Receivers of the `error` event branch on them; adding a code is a feature, renaming one is a breaking change.
 */
export const ERROR_REPORT_CODES = [
  // Core: an event or an endpoint's own code went wrong.
  /** `publish()` itself failed unexpectedly. */
  'PUBLISH_FAILED',
  /** A published event was unusable (no type, a bad id or timestamp). */
  'INVALID_EVENT',
  /** A published event could not be serialised to JSON for an endpoint. */
  'UNSERIALIZABLE_EVENT',
  /** An endpoint's `filter` threw. */
  'FILTER_FAILED',
  /** An endpoint's `transform` threw or returned something unusable. */
  'TRANSFORM_FAILED',
  /** A fault with no more specific code. */
  'INTERNAL_ERROR',
  // Delivery engines.
  /** The thread engine's worker died (an exception, `process.exit`, out of memory); a new one took over. */
  'WORKER_CRASHED',
  /** A message could not be handed to the thread engine's worker. */
  'WORKER_MESSAGE_FAILED',
  /** The thread engine's worker sent something it should not have (a bug). */
  'WORKER_PROTOCOL',
  /** A delivery engine's own fault that none of the codes above describes. */
  'ENGINE_ERROR',
  // The durable engine (@bothooks/bullmq).
  /** Redis cannot be reached; publishing buffers in memory (within `queue.maxSize`) until it is back. */
  'REDIS_UNAVAILABLE',
  /** Redis answered a command with an error. */
  'REDIS_ERROR',
  /** A durable engine's worker failed outside a delivery (its own fault, or its connection's). */
  'WORKER_ERROR',
  /** Redis may evict keys (`maxmemory-policy` is not `noeviction`): stored deliveries could vanish. A warning. */
  'REDIS_EVICTION_POLICY',
  /** Redis keeps no append-only file: a Redis crash loses what it held. A warning. */
  'REDIS_NOT_DURABLE',
  // Every adapter, through the adapter kit.
  /** An adapter's own fault that none of the codes below describes. */
  'ADAPTER_ERROR',
  /** Something the bot received could not be mapped to an event; the bot was not affected. */
  'INBOUND_MAPPING_FAILED',
  /** Something the bot sent could not be mapped to an event; the bot was not affected. */
  'OUTBOUND_MAPPING_FAILED',
  /** The `attributes` option threw; the event was published without attributes. */
  'ATTRIBUTES_FAILED',
  /** `tagInteraction` or `interaction()` got an empty or non-string name. */
  'INVALID_INTERACTION',
  /** The same `Webhooks` was attached to the same bot again (a warning: the first attachment stays). */
  'ALREADY_ATTACHED',
  // The JSON API interaction (`jsonApi` handlers); a failed request itself is the `request` event.
  /** A `jsonApi` handler ran where there is no message to send (not a message turn). */
  'JSON_API_NO_MESSAGE',
  /** The reply cannot be shown on the platform (too many buttons, a value over the platform's limit). */
  'JSON_API_UNRENDERABLE',
  /** Sending the reply (or the error response) failed on the platform. */
  'JSON_API_RENDER_FAILED',
  /** The `onAttributes` callback threw or rejected. */
  'ATTRIBUTES_CALLBACK_FAILED',
  // discord.js: the client's intents and partials hide some inbound messages (warnings, at attach).
  'GUILD_MESSAGES_INVISIBLE',
  'DIRECT_MESSAGES_INVISIBLE',
  'MESSAGE_CONTENT_INVISIBLE',
] as const;

/** A code of {@link ERROR_REPORT_CODES}. */
export type ErrorReportCode = (typeof ERROR_REPORT_CODES)[number];

/** Whether a value is one of the {@link ErrorReportCode}s, e.g. to keep a foreign error's own `code` out of reports. */
export function isErrorReportCode(value: unknown): value is ErrorReportCode {
  return typeof value === 'string' && (ERROR_REPORT_CODES as readonly string[]).includes(value);
}

// The failure codes of `message.failed` are part of the event model, so receivers have them too.
export { MESSAGE_FAILURE_CODES, type MessageFailureCode } from '@bothooks/receiver';
