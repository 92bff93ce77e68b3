/**
 * @module
 * Microsoft Bot Framework (botbuilder 4.x) adapter for bothooks: a signed webhook for every message a bot
 * receives and sends. `attachWebhooks` is the one line; `webhookMiddleware` the same as a plain Middleware;
 * `tagInteraction` routes a turn to its interaction's endpoints; `activityToMessageData` is the pure mapping, for
 * activities that never pass through the pipeline (such as `createConversationAsync`'s first message).
 */

export type { ActivityInput, ActivityMappingOptions } from '@bothooks/platform-botframework';
export { activityToMessageData } from '@bothooks/platform-botframework';
export { attachWebhooks } from './attach';
export { tagInteraction } from './interaction';
export { jsonApi } from './json-api';
export { webhookMiddleware } from './middleware';
export type { BotbuilderWebhooksOptions } from './options';
