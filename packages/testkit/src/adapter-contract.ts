import { createWebhooks } from '@bothooks/core';
import { afterEach, describe } from 'vitest';
import { messageCases } from './contract/messages';
import { policyCases } from './contract/policies';
import type { AdapterContract, Envelope, StartContractBot } from './contract/types';
import { createReceiver } from './receiver';

export type { AdapterContract, ContractBot, ContractOptions } from './contract/types';

const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

/**
 * The behaviour every adapter must share. Call it at the top level of an adapter's `test/contract.test.ts`.
 *
 * @example
 * ```ts
 * adapterContract({ name: 'telegraf', platform: 'telegram', source: 'telegraf', start: startContractBot });
 * ```
 */
export function adapterContract(contract: AdapterContract): void {
  describe(`adapter contract (${contract.name})`, () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    const setup: StartContractBot = async (options = {}) => {
      const receiver = await createReceiver({ secret: SECRET });
      cleanups.push(() => receiver.close());
      const hooks = createWebhooks({
        endpoints: [
          { id: 'all', url: receiver.url('/all'), secret: SECRET, ordering: options.ordering ?? 'none' },
          ...(options.scoped
            ? [{ id: 'order', url: receiver.url('/order'), secret: SECRET, interactions: ['order'] }]
            : []),
        ],
        retry: { delays: [20, 20] },
        // The suite tests adapters, not the breaker: with it on, the failing-endpoint case (two events, three
        // attempts each) would open the circuit after five failures and hold the sixth for the cooldown.
        circuitBreaker: false,
        logger: false,
      });
      cleanups.push(() => hooks.close({ timeoutMs: 1_000 }));
      const bot = await contract.start(hooks, options.attach ?? {});
      cleanups.push(() => bot.close());
      return {
        receiver,
        hooks,
        bot,
        delivered: async (path = '/all') => {
          await hooks.flush({ timeoutMs: 5_000 });
          return receiver.on(path).map((request) => request.json<Envelope>());
        },
      };
    };

    messageCases(contract, setup);
    policyCases(contract, setup);
  });
}
