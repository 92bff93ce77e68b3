export type { AdapterOptions, AdapterPublisher, ResolvedAdapterOptions, TurnRecord } from './adapter-kit';
export { assertWebhooks, createAdapterPublisher, createTurn, resolveAdapterOptions } from './adapter-kit';
export type { BotReply, BotReplyButton, BotReplyCard, BotReplyMessage } from './bot-reply';
export { parseBotReply } from './bot-reply';
export type { EndpointConfig, Logger, WebhooksOptions } from './config';
export { DEFAULTS, ENDPOINT_DEFAULTS, VERSION } from './defaults';
export type { VerifyResult } from './endpoint-check';
export type { DeliveryEngine } from './engine';
export type { DeliveryErrorCode, JsonApiErrorCode, VerificationErrorCode } from './errors';
export {
  BothooksError,
  ConfigError,
  DeliveryError,
  EndpointVerificationError,
  JsonApiError,
  WebhookVerificationError,
} from './errors';
export type {
  Account,
  Attachment,
  Conversation,
  Message,
  MessageAction,
  MessageEvent,
  MessageEventData,
  MessageEventType,
  Platform,
  VerifyEventData,
  WebhookEvent,
  WebhookEventType,
} from './event';
export { createMessageEvent, MESSAGE_EVENT_TYPES, toIsoTimestamp } from './event';
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
  StoredEvent,
  UndeliveredMessage,
  WebhooksEvents,
} from './events';
export { inlineEngine } from './inline-engine';
export type { JsonApiRequestOptions } from './json-api';
export { isPrivateAddress } from './network-guard';
export type { RetryOptions } from './retry';
export { DEFAULT_RETRY_DELAYS_MS } from './retry';
export { generateSecret } from './secret';
export { signWebhook } from './signature';
export type { ThreadEngineOptions } from './thread-engine/thread-engine';
export { threadEngine } from './thread-engine/thread-engine';
export type { HeadersLike, VerifyWebhookOptions } from './verify';
export { verifyWebhook } from './verify';
export { createWebhooks, Webhooks } from './webhooks';
