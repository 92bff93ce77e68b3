import {
  type AdapterOptions,
  type ResolvedAdapterOptions,
  resolveAdapterOptions,
} from '@bothooks/core/adapter';
import type { TurnContext } from '@microsoft/agents-hosting';

/** Options of `attachWebhooks` and `webhookMiddleware`. */
export interface AgentsWebhooksOptions extends AdapterOptions<TurnContext> {
  /**
   * Report the typing indicators the agent sends as `message.sent` events whose `message.action.kind` is
   * `'typing'`: those sent through the turn context, and (with `attachWebhooks`) the ones `AgentApplication`'s
   * typing timer sends straight through the adapter. Off because agents send them often and they carry no
   * content.
   * @default false
   */
  includeTyping?: boolean;
}

/** The options with their defaults applied. */
export type ResolvedOptions = ResolvedAdapterOptions<TurnContext, { includeTyping: boolean }>;

/** Validates the options, throwing a {@link ConfigError} that names the first wrong one. */
export function resolveOptions(options: unknown): ResolvedOptions {
  return resolveAdapterOptions(options, '@bothooks/agents', { includeTyping: false });
}
