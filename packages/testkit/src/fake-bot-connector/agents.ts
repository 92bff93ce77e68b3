/**
 * The fake Bot Connector for the Microsoft 365 Agents SDK: the same connector and activities as
 * `@bothooks/testkit/botbuilder`, with a host for the SDK's own `CloudAdapter`.
 */
export { DEFAULT_BOT, DEFAULT_CONVERSATION_ID, DEFAULT_USER } from './activities';
export type { BotHostAnswer } from './activity-server';
export type { AgentsHost, AgentsHostOptions } from './agents-host';
export { createAgentConversationReference, createUserActivity, startAgentsHost } from './agents-host';
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
