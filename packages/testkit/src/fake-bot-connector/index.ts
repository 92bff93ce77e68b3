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
export type {
  BotFrameworkJsonApiSuite,
  JsonApiSuiteBot,
  SuiteJsonApiOptions,
} from './json-api-suite';
export { botFrameworkJsonApiSuite, JSON_API_ERROR_RESPONSE } from './json-api-suite';
