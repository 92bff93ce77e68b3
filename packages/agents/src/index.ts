/**
 * @module
 * Microsoft 365 Agents SDK (`@microsoft/agents-hosting` 1.x) adapter for bothooks: a signed webhook for every
 * message an agent receives and sends. `attachWebhooks` is the one line (a `CloudAdapter` or an
 * `AgentApplication`); `webhookMiddleware` the same as a plain Middleware; `tagInteraction` routes a turn to its
 * interaction's endpoints; `activityToMessageData` is the pure mapping, for activities that never pass through
 * the pipeline (such as `createConversationAsync`'s first message).
 */

export type { ActivityInput, ActivityMappingOptions } from '@bothooks/platform-botframework';
export { activityToMessageData } from '@bothooks/platform-botframework';
export { attachWebhooks } from './attach';
export { tagInteraction } from './interaction';
export { jsonApi } from './json-api';
export { webhookMiddleware } from './middleware';
export type { AgentsWebhooksOptions } from './options';
