import { ConfigError, type Webhooks } from '@bothooks/core';
import { assertWebhooks } from '@bothooks/core/adapter';
import type { AgentApplication, BaseAdapter, TurnState } from '@microsoft/agents-hosting';
import { createAgentsHooks, pipelineOf } from './hooks';
import { type AgentsWebhooksOptions, resolveOptions } from './options';

/** The adapter of `target`: the adapter itself, or an `AgentApplication`'s `app.adapter`. */
function adapterOf(target: unknown): BaseAdapter | undefined {
  if (pipelineOf(target)) return target as BaseAdapter;
  const adapter = (target as { adapter?: unknown } | null | undefined)?.adapter;
  return pipelineOf(adapter) ? (adapter as BaseAdapter) : undefined;
}

/**
 * Publishes a webhook for every message the agent receives and sends through `target`: inbound `message`,
 * `messageUpdate` and `messageDelete` activities, and every message sent, updated or deleted during a turn —
 * replies, `AgentApplication` route handlers, the `onTurnError` messages and proactive `continueConversation`
 * sends — with the ids the channel returned. Whatever order middleware and routes were or will be registered in.
 *
 * The agent is never slowed or broken: events are queued synchronously, delivered in the background, every
 * return value (such as `sendActivity()`'s `ResourceResponse`) and every error (on its way to `onTurnError`)
 * passes through unchanged. Attaching the same `Webhooks` to the same adapter again changes nothing (each message
 * is still reported once) and reports an `ALREADY_ATTACHED` warning through `hooks.on('error')`.
 *
 * @param target The agent's `CloudAdapter` (any `BaseAdapter`), or an `AgentApplication` (its `app.adapter`).
 * @param hooks The `Webhooks` from `createWebhooks()`.
 * @param options What to publish; validated now, so a mistake throws a `ConfigError` naming the option.
 * @returns `detach()`: stops publishing and gives the adapter back as it was. Calling it again does nothing.
 * @throws {ConfigError} When `target`, `hooks` or an option is invalid.
 *
 * @example
 * ```ts
 * const app = new AgentApplication();
 * const hooks = createWebhooks({
 *   endpoints: [{ url: 'https://crm.example.com/bot-events', secret: process.env.WEBHOOK_SECRET }],
 * });
 * attachWebhooks(app, hooks);
 * ```
 */
export function attachWebhooks<TState extends TurnState>(
  target: BaseAdapter | AgentApplication<TState>,
  hooks: Webhooks,
  options?: AgentsWebhooksOptions,
): () => void {
  const adapter = adapterOf(target);
  if (!adapter) {
    throw new ConfigError(
      'target',
      'must be an Agents SDK adapter (CloudAdapter, any BaseAdapter) or an AgentApplication',
    );
  }
  assertWebhooks(hooks);
  const observer = createAgentsHooks(hooks, resolveOptions(options), adapter);
  if (!observer) return () => undefined;
  return () => observer.attachment.detach();
}
