export { attachWebhooks } from './attach';
export { interaction, tagInteraction } from './interaction';
export { jsonApi } from './json-api';
export { webhookMiddleware } from './middleware';
export type { TelegrafWebhooksOptions } from './options';
