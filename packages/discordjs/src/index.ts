export { attachWebhooks } from './attach';
export { tagInteraction } from './interaction';
export type { ApiUser } from './mapping/accounts';
export type { ChannelFacts } from './mapping/conversation';
export { receivedInteractionData } from './mapping/interaction';
export type { ApiMessage } from './mapping/message';
export { outboundMessageData, receivedMessageData } from './mapping/message';
export type { DiscordContext, DiscordjsWebhooksOptions } from './options';
