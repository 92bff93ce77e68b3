export {
  createConversationReference,
  createUserActivity,
  DEFAULT_BOT,
  DEFAULT_CONVERSATION_ID,
  DEFAULT_USER,
} from './activities';
export type { BotHost, BotHostAnswer, BotHostOptions } from './bot-host';
export { startBotHost } from './bot-host';
export type {
  ConnectorCall,
  ConnectorFailure,
  ConnectorOperation,
  FakeBotConnector,
  FakeBotConnectorOptions,
  StoredActivity,
} from './connector';
export { createFakeBotConnector } from './connector';
