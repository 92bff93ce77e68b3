/**
 * @module
 * The Bot Framework Activity protocol, for the bothooks adapters that speak it: `@bothooks/botbuilder` and
 * `@bothooks/agents` (Microsoft 365 Agents SDK). Pure functions, no framework: an `Activity` to the `data` of a
 * message event, and a JSON API `BotReply` to the activities that show it. Bots never install it themselves.
 */

export type { ActivityMappingOptions } from './mapping/activity';
export {
  activityTimestamp,
  activityToMessageData,
  deletedActivity,
  inboundEventType,
  inboundMessageData,
  isReportedOutbound,
  isSyntheticActivity,
  sentActivity,
  snapshotActivity,
} from './mapping/activity';
export { describeAttachments } from './mapping/attachments';
export { failureFacts } from './mapping/failure';
export type {
  RenderedAction,
  RenderedActivity,
  RenderedHeroCard,
  RenderOptions,
} from './mapping/reply';
export { renderReply } from './mapping/reply';
export type {
  AccountInput,
  ActivityInput,
  AttachmentInput,
  ConversationInput,
  ReferenceInput,
} from './mapping/types';
