import { type AdapterOptions, type MessageEventType, resolveAdapterOptions } from '@bothooks/core';
import type { Context } from 'telegraf';

/** Options of `attachWebhooks` and `webhookMiddleware`. */
export interface TelegrafWebhooksOptions<TContext extends Context = Context>
  extends AdapterOptions<TContext> {
  /**
   * Report button presses (callback queries) as `message.received` with `message.action`
   * `{ kind: 'button', value: <callback data> }`.
   * @default true
   */
  callbackQueries?: boolean;
}

/** The options with their defaults applied. */
export interface ResolvedOptions<TContext extends Context> {
  events: readonly MessageEventType[] | undefined;
  includeText: boolean;
  attributes: ((context: TContext) => Record<string, unknown> | undefined) | undefined;
  callbackQueries: boolean;
}

/** Validates the options at attach time, so a mistake fails at startup with the option's name, not later. */
export function resolveOptions<TContext extends Context>(options: unknown): ResolvedOptions<TContext> {
  const { shared, switches } = resolveAdapterOptions<TContext, { callbackQueries: boolean }>(
    options,
    '@bothooks/telegraf',
    { callbackQueries: true },
  );
  return {
    events: shared.events,
    includeText: shared.includeText,
    attributes: shared.attributes,
    callbackQueries: switches.callbackQueries,
  };
}
