export type {
  Deduplicator,
  DeduplicatorOptions,
  IdempotencyStore,
  MemoryStoreOptions,
} from './deduplicator';
export { createDeduplicator, createMemoryStore } from './deduplicator';
export type { VerificationErrorCode, VerificationErrorStatus } from './errors';
export { WebhookVerificationError } from './errors';
export type {
  Account,
  Attachment,
  Conversation,
  JsonApiRequestData,
  JsonApiRequestEvent,
  KnownPlatform,
  Message,
  MessageAction,
  MessageDeletedEvent,
  MessageEditedEvent,
  MessageEvent,
  MessageEventData,
  MessageEventType,
  MessageFailedEvent,
  MessageFailure,
  MessageFailureCode,
  MessageReceivedEvent,
  MessageSentEvent,
  Platform,
  VerifyEvent,
  VerifyEventData,
  WebhookEnvelope,
  WebhookEvent,
  WebhookEventOf,
  WebhookEventType,
} from './event';
export { MESSAGE_EVENT_TYPES, MESSAGE_FAILURE_CODES, PLATFORMS, WEBHOOK_EVENT_TYPES } from './event';
export {
  isJsonApiRequest,
  isKnownPlatform,
  isMessageEvent,
  isVerifyEvent,
  isWebhookEvent,
} from './guards';
export type { NodeResponseLike, WebhookContext, WebhookHandlerOptions } from './handler';
export { webhookHandler } from './handler';
export type { HeadersLike } from './headers';
export { webhookId } from './headers';
export type { NodeRequestLike } from './node';
export { verifyNodeRequest } from './node';
export { eventFromQuery } from './query';
export type { RequestLike, VerifyRequestOptions } from './request';
export { verifyRequest } from './request';
export type { RawPayload } from './verification';
export type { VerifyBodyOptions, VerifyQueryOptions, VerifyWebhookOptions } from './verify';
export { verifyWebhook } from './verify';
