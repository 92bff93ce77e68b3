export { loginClient, MESSAGE_INTENTS } from './client';
export type {
  ButtonPressOptions,
  CommandOptionValue,
  ComponentOptions,
  FakeDiscord,
  FakeDiscordOptions,
  SlashCommandOptions,
  UserMessageOptions,
  UserUpload,
} from './fake-discord';
export { createFakeDiscord } from './fake-discord';
export type { FailureRule, RateLimitRule } from './faults';
export type { IdentifyRecord } from './gateway';
export { Intent } from './gateway';
export type {
  AttachmentPayload,
  ChannelPayload,
  EmbedPayload,
  GatewayMessagePayload,
  MessagePayload,
  UserPayload,
} from './payloads';
export { MessageFlag } from './payloads';
export type { EchoTiming, RestRequest } from './rest';
export { snowflakeTime } from './snowflakes';
export type { InteractionRecord } from './world';
