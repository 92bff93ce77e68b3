import type { ErrorReportCode } from '../error-codes';
import {
  createMessageEvent,
  type MessageEvent,
  type MessageEventData,
  type MessageEventType,
  type MessageFailure,
} from '../event';
import type { Webhooks } from '../webhooks';
import { type AdapterOptions, DEFAULT_EVENTS } from './options';
import { withoutText } from './strip-text';
import type { Turn } from './turns';

/** The event an outbound operation becomes once the platform accepted it (refused, it is `message.failed`). */
export const OPERATION_EVENT_TYPES = {
  send: 'message.sent',
  edit: 'message.edited',
  delete: 'message.deleted',
} as const satisfies Record<MessageFailure['operation'], MessageEventType>;

/** The part of every adapter that turns mapped messages into published events. */
export interface AdapterPublisher<TContext> {
  /** Whether `type` is among the configured events: check it before doing any mapping work. */
  wants(type: MessageEventType): boolean;
  /**
   * Publishes a message event with the adapter's options applied: `includeText` (see `withoutText`), the
   * attributes of the context, the turn's interaction. A `message.received` of a turn becomes the turn's inbound
   * message, which tagging sends on. Never throws; after detach it publishes nothing.
   */
  publish(
    type: MessageEventType,
    data: MessageEventData,
    details?: {
      turn?: Turn<TContext, unknown> | undefined;
      /** The context for `attributes`; defaults to the turn's. */
      context?: TContext | undefined;
      timestamp?: Date | string | number | undefined;
    },
  ): void;
  /**
   * Tags a turn with an interaction: its inbound message goes at once to the endpoints scoped to that
   * interaction, and every later event of the turn carries the tag. Returns false for an invalid name (reported
   * as `INVALID_INTERACTION`) or after detach. Never throws.
   */
  tag(turn: Turn<TContext, unknown>, interaction: string): boolean;
  /**
   * Reports an adapter fault (or, with `severity: 'warning'`, a degraded setup) through the `error` event,
   * with the adapter's name as `source`. Never throws.
   */
  report(error: unknown, code?: ErrorReportCode, severity?: 'error' | 'warning'): void;
}

/**
 * Applies {@link AdapterOptions} and the per-interaction rules to every event, and makes sure nothing an adapter
 * publishes on the bot's path can throw. `createAdapterAttachment` makes one for each attachment.
 *
 * @param hooks Where events go.
 * @param options The adapter's shared options, resolved.
 * @param source The adapter's name, the `source` of its error reports (`telegraf`).
 * @param isActive False once detached: nothing is published or tagged any more.
 */
export function createAdapterPublisher<TContext>(
  hooks: Webhooks,
  options: AdapterOptions<TContext>,
  source: string,
  isActive: () => boolean = () => true,
): AdapterPublisher<TContext> {
  const events = new Set(options.events ?? DEFAULT_EVENTS);
  const includeText = options.includeText ?? true;
  const report = (
    error: unknown,
    code: ErrorReportCode = 'ADAPTER_ERROR',
    severity: 'error' | 'warning' = 'error',
  ): void => hooks.reportError(error, { source, code, severity });

  const attributesOf = (context: TContext | undefined): Record<string, unknown> | undefined => {
    if (!options.attributes || context === undefined) return undefined;
    try {
      const attributes = options.attributes(context);
      return attributes && typeof attributes === 'object' ? attributes : undefined;
    } catch (error) {
      report(error, 'ATTRIBUTES_FAILED');
      return undefined;
    }
  };

  const finish = (
    data: MessageEventData,
    turn: Turn<TContext, unknown> | undefined,
    context: TContext | undefined,
  ): MessageEventData => {
    const attributes = attributesOf(context);
    const interaction = turn?.interaction ?? data.interaction;
    return {
      ...data,
      message: includeText ? data.message : withoutText(data.message),
      ...(interaction !== undefined && { interaction }),
      ...(attributes !== undefined && { attributes }),
    };
  };

  return {
    wants: (type) => events.has(type),
    publish: (type, data, details = {}) => {
      try {
        if (!isActive() || !events.has(type)) return;
        const { turn } = details;
        const event = createMessageEvent(
          type,
          finish(data, turn, details.context ?? turn?.context),
          details.timestamp,
        );
        if (type === 'message.received' && turn) turn.inbound = event;
        hooks.publish(event);
      } catch (error) {
        report(error);
      }
    },
    tag: (turn, interaction) => {
      try {
        if (!isActive()) return false;
        if (typeof interaction !== 'string' || interaction === '') {
          report(new TypeError('an interaction name must be a non-empty string'), 'INVALID_INTERACTION');
          return false;
        }
        if (turn.interaction === interaction) return true;
        turn.interaction = interaction;
        const inbound = turn.inbound;
        if (!inbound || !events.has('message.received')) return true;
        const attributes = attributesOf(turn.context) ?? inbound.data.attributes;
        const tagged: MessageEvent = {
          ...inbound,
          data: { ...inbound.data, interaction, ...(attributes !== undefined && { attributes }) },
        };
        hooks.publish(tagged, { target: 'interaction' });
        return true;
      } catch (error) {
        report(error);
        return false;
      }
    },
    report,
  };
}
