export { attachWebhooks } from './attach';
export { interaction, tagInteraction } from './interaction';
export { webhookMiddleware } from './middleware';
export type { GrammyWebhooksOptions } from './options';
