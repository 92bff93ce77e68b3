// Receiving: the same functions as @bothooks/receiver, so a sender that also receives needs one import.
export type {
  HeadersLike,
  VerificationErrorCode,
  VerifyBodyOptions,
  VerifyQueryOptions,
  VerifyWebhookOptions,
} from '@bothooks/receiver';
export {
  isJsonApiRequest,
  isMessageEvent,
  isVerifyEvent,
  isWebhookEvent,
  verifyWebhook,
  WebhookVerificationError,
} from '@bothooks/receiver';
export type { AdapterOptions, AdapterPublisher, ResolvedAdapterOptions, TurnRecord } from './adapter-kit';
export { assertWebhooks, createAdapterPublisher, createTurn, resolveAdapterOptions } from './adapter-kit';
export type { BotReply, BotReplyButton, BotReplyCard, BotReplyMessage } from './bot-reply';
export { parseBotReply } from './bot-reply';
export type { EndpointConfig, Logger, WebhooksOptions } from './config';
export { VERSION } from './config';
export type { VerifyResult } from './endpoint-check';
export type { DeliveryErrorCode, JsonApiErrorCode } from './errors';
export { BothooksError, ConfigError, DeliveryError, EndpointVerificationError, JsonApiError } from './errors';
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
  MessageError,
  MessageEvent,
  MessageEventData,
  MessageEventType,
  MessageFailedEvent,
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
export {
  createMessageEvent,
  MESSAGE_EVENT_TYPES,
  PLATFORMS,
  toIsoTimestamp,
  WEBHOOK_EVENT_TYPES,
} from './event';
export type { JsonApiRequestOptions } from './json-api';
export { isPrivateAddress } from './network-guard';
export type { RetryOptions } from './retry';
export { DEFAULT_RETRY_DELAYS_MS } from './retry';
export { generateSecret } from './secret';
export { signWebhook } from './signature';
export type {
  CircuitEvent,
  CloseResult,
  DeliveredEvent,
  DroppedEvent,
  DropReason,
  EndpointDisabledEvent,
  EndpointInfo,
  ErrorInfo,
  ErrorReport,
  FailedEvent,
  FlushResult,
  PublishOptions,
  RetryingEvent,
  UndeliveredMessage,
  WebhooksEvents,
} from './webhooks';
export { createWebhooks, Webhooks } from './webhooks';
