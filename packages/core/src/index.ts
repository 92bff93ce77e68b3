export type { BotReply, BotReplyButton, BotReplyCard, BotReplyMessage } from './bot-reply';
export { parseBotReply } from './bot-reply';
export type { EndpointConfig, Logger, WebhooksOptions } from './config';
export { VERSION } from './config';
export type { VerifyResult } from './endpoint-check';
export type { ErrorReportCode, MessageFailureCode } from './error-codes';
export { ERROR_REPORT_CODES, isErrorReportCode, MESSAGE_FAILURE_CODES } from './error-codes';
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
  MessageFailure,
  Platform,
  VerifyEventData,
  WebhookEvent,
  WebhookEventType,
} from './event';
export { createMessageEvent, MESSAGE_EVENT_TYPES, toIsoTimestamp } from './event';
export type { JsonApiRequestOptions } from './json-api';
export { isPrivateAddress } from './network-guard';
export type { RetryOptions } from './retry';
export { DEFAULT_RETRY_DELAYS_MS } from './retry';
export { generateSecret } from './secret';
export { signWebhook } from './signature';
export type { HeadersLike, VerifyWebhookOptions } from './verify';
export { verifyWebhook } from './verify';
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
