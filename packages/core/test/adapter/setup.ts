import type { MessageEvent } from '../../src/index';
import { receiver, webhooks } from '../helpers';

/** Webhooks to a receiver with an endpoint for everything (`/all`) and one scoped to `order` (`/orders`). */
export async function scopedWebhooks() {
  const target = await receiver({});
  const { hooks, of } = webhooks({
    endpoints: [
      { unsigned: true, id: 'all', url: target.url('/all') },
      { unsigned: true, id: 'orders', url: target.url('/orders'), interactions: ['order'] },
    ],
  });
  /** Flushes, then returns the events `path` received. */
  const bodies = async (path: string) => {
    await hooks.flush({ timeoutMs: 5_000 });
    return target.on(path).map((request) => request.json<MessageEvent>());
  };
  return { hooks, of, bodies };
}
