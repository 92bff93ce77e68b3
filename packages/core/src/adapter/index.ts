/**
 * @module
 * The adapter kit, `@bothooks/core/adapter`: what every `@bothooks/<framework>` adapter is built from, so they
 * all behave alike. Bots never need it; see CONTRIBUTING.md ("Adding an adapter").
 *
 * - `createAdapterAttachment`: one `Webhooks` observing one bot, with the attach-twice policy, method patches that
 *   restore safely, turns and the publisher;
 * - `patchMethod` and `observeCall`: interception that never changes what the framework returns or throws;
 * - `tagTurn`: tagging through the turn registry on `AsyncLocalStorage`, the same in every adapter;
 * - `withoutText`: what `includeText: false` leaves of a message, applied by every attachment's publisher;
 * - `describeFailure` and `redactSecrets`: the one `message.failed` description;
 * - `resolveJsonApiOptions` and `runJsonApi`: the JSON API interaction, for which each adapter only renders;
 * - `resolveAdapterOptions`, `assertWebhooks`, `safeUrl`.
 */

export type { AdapterAttachment, AdapterAttachmentOptions } from './attachment';
export { createAdapterAttachment } from './attachment';
export type { FailureFacts } from './failure';
export { describeFailure, FAILURE_MESSAGE_LENGTH, redactSecrets } from './failure';
export type { CallOutcome, MethodName } from './intercept';
export { observeCall, patchMethod } from './intercept';
export type { JsonApiOptions, JsonApiRenderer, ResolvedJsonApiOptions } from './json-api';
export { JsonApiRenderError, resolveJsonApiOptions, runJsonApi } from './json-api';
export type { AdapterOptions, ResolvedAdapterOptions } from './options';
export { assertWebhooks, DEFAULT_EVENTS, resolveAdapterOptions } from './options';
export type { AdapterPublisher } from './publisher';
export { OPERATION_EVENT_TYPES } from './publisher';
export { safeUrl } from './safe-url';
export { withoutText } from './strip-text';
export type { Turn } from './turns';
export { tagTurn, turnOfHooks } from './turns';
