/**
 * @module
 * Slack (Bolt for JavaScript 5) adapter for bothooks: a signed webhook for every message a Bolt app receives
 * and sends. `attachWebhooks` is the one line; `webhookMiddleware` the same as a plain global middleware;
 * `tagInteraction` and `interaction` route a delivery to its interaction's endpoints; `jsonApi` answers with a
 * JSON API endpoint's reply, rendered in Block Kit.
 */

export { attachWebhooks } from './attach';
export { interaction, tagInteraction } from './interaction';
export type { ListenerArgs } from './json-api';
export { jsonApi } from './json-api';
export type { SlackMessage } from './mapping/reply';
export { renderReply } from './mapping/reply';
export { webhookMiddleware } from './middleware';
export type { SlackContext, SlackWebhooksOptions } from './options';
