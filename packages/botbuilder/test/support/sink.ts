import { createWebhooks, type MessageEvent, type Webhooks, type WebhooksOptions } from '@bothooks/core';
import { createReceiver, type Receiver } from '@bothooks/testkit';

export const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

export type Envelope = MessageEvent;

/** A real receiver and the `Webhooks` that deliver to it, in publish order (one conversation lane each). */
export interface Sink {
  receiver: Receiver;
  hooks: Webhooks;
  /** Flushes, then returns the bodies the receiver got on `/all`, in arrival order. */
  events(): Promise<Envelope[]>;
  /** Errors bothooks reported (adapter faults never reach the bot; they end up here). */
  errors: { code: string; source: string; message: string }[];
  close(): Promise<void>;
}

export async function createSink(options: Partial<WebhooksOptions> = {}): Promise<Sink> {
  const receiver = await createReceiver({ secret: SECRET });
  const hooks = createWebhooks({
    endpoints: [{ id: 'all', url: receiver.url('/all'), secret: SECRET, ordering: 'conversation' }],
    retry: { delays: [20, 20] },
    logger: false,
    ...options,
  });
  const errors: Sink['errors'] = [];
  hooks.on('error', (report) =>
    errors.push({ code: report.code, source: report.source, message: report.message }),
  );
  return {
    receiver,
    hooks,
    errors,
    events: async () => {
      await hooks.flush({ timeoutMs: 5_000 });
      return receiver.on('/all').map((request) => request.json<Envelope>());
    },
    close: async () => {
      await hooks.close({ timeoutMs: 1_000 });
      await receiver.close();
    },
  };
}

/** `type text` of each event: the shape most assertions compare. */
export function summary(event: Envelope): string {
  return `${event.type} ${event.data.message.text ?? ''}`.trim();
}
