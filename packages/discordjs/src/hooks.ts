import { BothooksError, type Webhooks } from '@bothooks/core';
import { createAdapterAttachment } from '@bothooks/core/adapter';
import type { Client, InternalRequest } from 'discord.js';
import { createInbound } from './hooks/inbound';
import { Ledger } from './hooks/ledger';
import { createOutbound } from './hooks/outbound';
import { createState, type DiscordTurn, type TurnFacts } from './hooks/state';
import { visibilityWarnings } from './mapping/visibility';
import type { DiscordContext, ResolvedOptions } from './options';

/** The name errors are reported under. */
export const ADAPTER_NAME = 'discordjs';

type Method = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Opens an attachment of `hooks` to `client` and hooks it in: `client.emit` (every gateway event, before the bot's
 * listeners run, which then run inside the event's turn) and `client.rest.request` (every REST call, whose
 * answer is reported once Discord has given it). Returns `detach()`, or `undefined` when these webhooks are
 * attached to the client already (reported as `ALREADY_ATTACHED`).
 */
export function hookClient(
  client: Client,
  hooks: Webhooks,
  options: ResolvedOptions,
): (() => void) | undefined {
  const attachment = createAdapterAttachment<DiscordContext, TurnFacts>({
    adapter: ADAPTER_NAME,
    hooks,
    options: options.shared,
    target: client,
    secrets: () => [client.token],
  });
  if (!attachment) return undefined;
  const ledger = new Ledger();
  const state = createState({ attachment, client, ledger, options });
  const inbound = createInbound(state);
  const outbound = createOutbound(state);
  const { publisher } = attachment;

  attachment.patch(
    client,
    'emit',
    (original) =>
      function emit(this: unknown, ...args: unknown[]): boolean {
        let turn: DiscordTurn | undefined;
        try {
          turn = inbound.observe(args);
        } catch (error) {
          publisher.report(error, 'INBOUND_MAPPING_FAILED');
        }
        const run = () => Reflect.apply(original as Method, this, args) as boolean;
        return turn ? attachment.runInTurn(turn, run) : run();
      },
  );

  attachment.patch(
    client.rest,
    'request',
    (original) =>
      function request(this: unknown, ...args: unknown[]): Promise<unknown> {
        let call: ReturnType<typeof outbound.plan>;
        try {
          call = outbound.plan(args[0] as InternalRequest);
        } catch (error) {
          publisher.report(error, 'OUTBOUND_MAPPING_FAILED');
        }
        const result = Reflect.apply(original as Method, this, args);
        if (!call || !(result instanceof Promise)) return result as Promise<unknown>;
        const watched = call;
        ledger.track(result);
        // A new promise with the same outcome: the caller still sees an unhandled rejection if it ignores one.
        return attachment.observe(result, (outcome) => {
          if (outcome.ok) outbound.succeeded(watched, outcome.value);
          else outbound.failed(watched, outcome.error);
        });
      },
  );
  attachment.onDetach(() => ledger.clear());

  if (options.switches.warnings) {
    const settings = { intents: client.options.intents.bitfield, partials: client.options.partials ?? [] };
    for (const warning of visibilityWarnings(settings)) {
      publisher.report(new BothooksError(warning.code, warning.message), warning.code, 'warning');
    }
  }
  return () => attachment.detach();
}
