import {
  type AdapterOptions,
  type ResolvedAdapterOptions,
  resolveAdapterOptions,
} from '@bothooks/core/adapter';
import type { Context } from 'grammy';

/** Options of `attachWebhooks` and `webhookMiddleware`. */
export interface GrammyWebhooksOptions<TContext extends Context = Context> extends AdapterOptions<TContext> {
  /**
   * Report button presses (callback queries) as `message.received` with `message.action`
   * `{ kind: 'button', value: <callback data> }`.
   * @default true
   */
  callbackQueries?: boolean;
}

/** The options with their defaults applied. */
export type ResolvedOptions<TContext extends Context> = ResolvedAdapterOptions<
  TContext,
  { callbackQueries: boolean }
>;

/** Validates the options at attach time, so a mistake fails at startup with the option's name, not later. */
export function resolveOptions<TContext extends Context>(options: unknown): ResolvedOptions<TContext> {
  return resolveAdapterOptions(options, '@bothooks/grammy', { callbackQueries: true });
}
