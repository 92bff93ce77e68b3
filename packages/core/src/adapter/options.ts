import { ConfigError } from '../errors';
import { MESSAGE_EVENT_TYPES, type MessageEventType } from '../event';
import type { Webhooks } from '../webhooks';

/** The options every adapter accepts. `TContext` is the framework's own turn context. */
export interface AdapterOptions<TContext> {
  /**
   * The event types to publish. `message.failed` (outbound calls the platform refused) is opt-in.
   * @default ['message.received', 'message.sent', 'message.edited', 'message.deleted']
   */
  events?: readonly MessageEventType[];
  /**
   * Include what people wrote. With `false`, every text-bearing field is left out, in every adapter alike:
   * `message.text`, attachments' `title` and `summary` (card and embed titles, poll questions, venue names,
   * contact names), and `message.action.options` (the values typed into a command or a form). Ids, types,
   * file names and ids, sizes, URLs, command names and button values (which the bot defines) remain.
   * @default true
   */
  includeText?: boolean;
  /**
   * User attributes to include in each event (`data.attributes`), from the framework's context.
   * Called synchronously for every event; a function that throws is reported through `error`, never thrown.
   * @default undefined
   */
  attributes?: (context: TContext) => Record<string, unknown> | undefined;
}

/** {@link AdapterOptions} validated, with `includeText` resolved, plus the adapter's own boolean switches. */
export interface ResolvedAdapterOptions<TContext, TSwitches extends Record<string, boolean>> {
  shared: AdapterOptions<TContext> & { includeText: boolean };
  switches: { [TName in keyof TSwitches]: boolean };
}

/** The event types published when `events` is not given. */
export const DEFAULT_EVENTS: readonly MessageEventType[] = [
  'message.received',
  'message.sent',
  'message.edited',
  'message.deleted',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates an adapter's options at attach time: the shared ones (`events`, `includeText`, `attributes`) and the
 * adapter's own boolean `switches` (given with their defaults). An unknown option name is refused too, so a typo
 * fails at startup instead of silently doing nothing.
 *
 * @param options What the user passed.
 * @param adapter The package name, for the error message (`@bothooks/telegraf`).
 * @param switches The adapter's own boolean options and their defaults.
 * @throws {ConfigError} naming the first wrong option.
 * @example
 * ```ts
 * const resolved = resolveAdapterOptions(options, '@bothooks/telegraf', { callbackQueries: true });
 * ```
 */
export function resolveAdapterOptions<TContext, TSwitches extends Record<string, boolean>>(
  options: unknown,
  adapter: string,
  switches: TSwitches,
): ResolvedAdapterOptions<TContext, TSwitches> {
  if (options !== undefined && !isRecord(options)) throw new ConfigError('options', 'must be an object');
  const input = options ?? {};
  const known = ['events', 'includeText', 'attributes', ...Object.keys(switches)];
  for (const name of Object.keys(input)) {
    if (!known.includes(name))
      throw new ConfigError(name, `is not an option of ${adapter} (known: ${known.join(', ')})`);
  }
  const boolean = (name: string, fallback: boolean): boolean => {
    const value = input[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') throw new ConfigError(name, 'must be true or false');
    return value;
  };
  let events: MessageEventType[] | undefined;
  if (input.events !== undefined) {
    if (!Array.isArray(input.events)) throw new ConfigError('events', 'must be an array of event types');
    events = input.events.map((type: unknown, index: number) => {
      const known = MESSAGE_EVENT_TYPES.find((candidate) => candidate === type);
      if (known === undefined) {
        throw new ConfigError(`events[${index}]`, `must be one of ${MESSAGE_EVENT_TYPES.join(', ')}`);
      }
      return known;
    });
  }
  if (input.attributes !== undefined && typeof input.attributes !== 'function') {
    throw new ConfigError('attributes', 'must be a function of the framework context returning an object');
  }
  const attributes = input.attributes as AdapterOptions<TContext>['attributes'];
  const resolvedSwitches = Object.fromEntries(
    Object.entries(switches).map(([name, fallback]) => [name, boolean(name, fallback)]),
  ) as { [TName in keyof TSwitches]: boolean };
  return {
    shared: {
      ...(events !== undefined && { events }),
      includeText: boolean('includeText', true),
      ...(attributes !== undefined && { attributes }),
    },
    switches: resolvedSwitches,
  };
}

/**
 * Checks that `hooks` is what `createWebhooks()` returns, so a wrong argument fails at attach time.
 *
 * @throws {ConfigError} for the field `hooks`.
 */
export function assertWebhooks(hooks: unknown): asserts hooks is Webhooks {
  const candidate = hooks as Partial<Webhooks> | null | undefined;
  if (typeof candidate?.publish !== 'function' || typeof candidate.reportError !== 'function') {
    throw new ConfigError('hooks', 'must be the Webhooks instance createWebhooks() returns');
  }
}
