// From @bothooks/receiver: the event model (there, so the apps that receive get it without the sender) and
// verification (here too, so an app that sends and receives needs one import).
export type {
  Account,
  Attachment,
  Conversation,
  HeadersLike,
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
  VerificationErrorCode,
  VerifyBodyOptions,
  VerifyEvent,
  VerifyEventData,
  VerifyQueryOptions,
  VerifyWebhookOptions,
  WebhookEnvelope,
  WebhookEvent,
  WebhookEventOf,
  WebhookEventType,
} from '@bothooks/receiver';
export {
  isJsonApiRequest,
  isKnownPlatform,
  isMessageEvent,
  isVerifyEvent,
  isWebhookEvent,
  MESSAGE_EVENT_TYPES,
  MESSAGE_FAILURE_CODES,
  PLATFORMS,
  verifyWebhook,
  WEBHOOK_EVENT_TYPES,
  WebhookVerificationError,
} from '@bothooks/receiver';
export type { BotReply, BotReplyButton, BotReplyCard, BotReplyMessage } from './bot-reply';
export { parseBotReply } from './bot-reply';
export type { EndpointConfig, Logger, WebhooksOptions } from './config';
export { DEFAULTS, ENDPOINT_DEFAULTS, VERSION } from './defaults';
export type { VerifyResult } from './endpoint-check';
export type { DeliveryEngine } from './engine';
export type { ErrorReportCode } from './error-codes';
export { ERROR_REPORT_CODES, isErrorReportCode } from './error-codes';
export type { DeliveryErrorCode, JsonApiErrorCode } from './errors';
export { BothooksError, ConfigError, DeliveryError, EndpointVerificationError, JsonApiError } from './errors';
export { createMessageEvent, toIsoTimestamp } from './event';
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
export type { JsonApiRequestOptions, RequestReport } from './json-api';
export { isPrivateAddress } from './network-guard';
export type { RetryOptions } from './retry';
export { DEFAULT_RETRY_DELAYS_MS } from './retry';
export { generateSecret } from './secret';
export { signWebhook } from './signature';
export type { ThreadEngineOptions } from './thread-engine/thread-engine';
export { threadEngine } from './thread-engine/thread-engine';
export { createWebhooks, Webhooks } from './webhooks';
