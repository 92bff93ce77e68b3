import { createWebhooks, type MessageEvent, type Platform, type Webhooks } from '@bothooks/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiver, type Receiver, type RecordedRequest } from './receiver';

/** A running bot with the adapter under test attached. */
export interface ContractBot {
  /**
   * A user sends `text` (in `conversationId`, or the harness's default conversation); resolves when the
   * framework has finished handling it, as the bot's own code would observe.
   */
  userSends(text: string, options?: { conversationId?: string }): Promise<void>;
  /** Errors that reached the framework's own error handler (`onTurnError`, `bot.catch`, an `error` listener). */
  readonly frameworkErrors: unknown[];
  close(): Promise<void>;
}

/** How the contract suite drives one adapter. */
export interface AdapterContract {
  /** The adapter's name, used in test titles. */
  name: string;
  platform: Platform;
  /**
   * Starts a real bot with the adapter attached to `hooks`. The bot must:
   * - answer any other text with `echo: <text>`;
   * - on `edit me`: send `original`, then edit that message to `edited`;
   * - on `delete me`: send `temporary`, then delete that message;
   * - on `tag <name>`: tag its turn with the interaction `<name>`, then answer `tagged <name>`;
   * - on `fail`: send `about to fail`, then throw `new Error('contract failure')` from its handler.
   * The framework's error handler must record the error in `frameworkErrors` and send nothing.
   */
  start(hooks: Webhooks): Promise<ContractBot>;
}

const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

type Envelope = MessageEvent;

function events(requests: RecordedRequest[]): Envelope[] {
  return requests.map((request) => request.json<Envelope>());
}

function summary(event: Envelope): string {
  return `${event.type} ${event.data.message.text ?? ''}`.trim();
}

/**
 * The behaviour every adapter must share. Call it at the top level of an adapter's test file.
 *
 * @example
 * ```ts
 * adapterContract({ name: 'telegraf', platform: 'telegram', start: async (hooks) => startTelegrafBot(hooks) });
 * ```
 */
export function adapterContract(contract: AdapterContract): void {
  describe(`adapter contract (${contract.name})`, () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function setup(options: { scoped?: boolean; ordering?: 'none' | 'conversation' } = {}): Promise<{
      receiver: Receiver;
      hooks: Webhooks;
      bot: ContractBot;
    }> {
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
      const bot = await contract.start(hooks);
      cleanups.push(() => bot.close());
      return { receiver, hooks, bot };
    }

    it('reports the inbound message and the reply, signed, with the human as the user', async () => {
      const { receiver, hooks, bot } = await setup();
      await bot.userSends('hello');
      await hooks.flush({ timeoutMs: 5_000 });
      const received = events(receiver.on('/all'));
      expect(received.map(summary)).toEqual(['message.received hello', 'message.sent echo: hello']);
      const [inbound, outbound] = received as [Envelope, Envelope];
      expect(inbound.data).toMatchObject({ platform: contract.platform, direction: 'inbound' });
      expect(outbound.data).toMatchObject({ platform: contract.platform, direction: 'outbound' });
      expect(outbound.data.message.id).toEqual(expect.any(String));
      expect(outbound.data.conversation.id).toBe(inbound.data.conversation.id);
      expect(outbound.data.user?.id).toBe(inbound.data.user?.id);
      expect(outbound.data.bot.id).toBe(inbound.data.bot.id);
      expect(inbound.data.user?.id).not.toBe(inbound.data.bot.id);
      expect(receiver.requests.every((request) => request.verified)).toBe(true);
      expect(bot.frameworkErrors).toEqual([]);
    });

    it('reports an edit with the id of the message sent', async () => {
      const { receiver, hooks, bot } = await setup();
      await bot.userSends('edit me');
      await hooks.flush({ timeoutMs: 5_000 });
      const received = events(receiver.on('/all'));
      const sent = received.find((event) => event.type === 'message.sent');
      const edited = received.find((event) => event.type === 'message.edited');
      expect(sent?.data.message.text).toBe('original');
      expect(edited?.data.message.text).toBe('edited');
      expect(edited?.data.message.id).toBe(sent?.data.message.id);
      expect(edited?.data.direction).toBe('outbound');
    });

    it('reports a delete with the id of the message sent', async () => {
      const { receiver, hooks, bot } = await setup();
      await bot.userSends('delete me');
      await hooks.flush({ timeoutMs: 5_000 });
      const received = events(receiver.on('/all'));
      const sent = received.find((event) => event.type === 'message.sent');
      const deleted = received.find((event) => event.type === 'message.deleted');
      expect(sent?.data.message.text).toBe('temporary');
      expect(deleted?.data.message.id).toBe(sent?.data.message.id);
    });

    it('delivers a conversation in order to an ordered endpoint', async () => {
      const { receiver, hooks, bot } = await setup({ ordering: 'conversation' });
      // The first attempt of every delivery fails, so order only holds if retries hold the lane.
      const seen = new Set<string>();
      receiver.respondWith((request) => {
        const id = String(request.headers['webhook-id']);
        if (seen.has(id)) return undefined;
        seen.add(id);
        return { status: 503 };
      });
      for (const text of ['one', 'two', 'three']) await bot.userSends(text);
      await hooks.flush({ timeoutMs: 5_000 });
      const delivered = receiver.on('/all').filter((request, index, all) => {
        const id = request.headers['webhook-id'];
        return all.findIndex((other) => other.headers['webhook-id'] === id) !== index;
      });
      expect(events(delivered).map(summary)).toEqual([
        'message.received one',
        'message.sent echo: one',
        'message.received two',
        'message.sent echo: two',
        'message.received three',
        'message.sent echo: three',
      ]);
    });

    it('keeps the bot answering while the endpoint fails', async () => {
      const { receiver, hooks, bot } = await setup();
      receiver.setDefault({ status: 500 });
      const failed: string[] = [];
      hooks.on('failed', (event) => failed.push(event.type));
      await bot.userSends('still there?');
      await hooks.flush({ timeoutMs: 5_000 });
      expect(failed.sort()).toEqual(['message.received', 'message.sent']);
      expect(bot.frameworkErrors).toEqual([]);
    });

    it('keeps the events of a turn that throws, and the error reaches the framework', async () => {
      const { receiver, hooks, bot } = await setup();
      await bot.userSends('fail');
      await hooks.flush({ timeoutMs: 5_000 });
      expect(events(receiver.on('/all')).map(summary)).toEqual([
        'message.received fail',
        'message.sent about to fail',
      ]);
      expect(bot.frameworkErrors).toHaveLength(1);
      expect(String((bot.frameworkErrors[0] as Error)?.message ?? bot.frameworkErrors[0])).toContain(
        'contract failure',
      );
    });

    it('sends a tagged turn to the endpoints of its interaction, and everything to the others', async () => {
      const { receiver, hooks, bot } = await setup({ scoped: true });
      await bot.userSends('hello');
      await bot.userSends('tag order');
      await hooks.flush({ timeoutMs: 5_000 });
      const scoped = events(receiver.on('/order'));
      expect(scoped.map(summary)).toEqual(['message.received tag order', 'message.sent tagged order']);
      expect(scoped.every((event) => event.data.interaction === 'order')).toBe(true);
      const everything = events(receiver.on('/all'));
      expect(everything.map(summary)).toEqual([
        'message.received hello',
        'message.sent echo: hello',
        'message.received tag order',
        'message.sent tagged order',
      ]);
      expect(everything[3]?.data.interaction).toBe('order');
    });

    it('never waits for the endpoint: turns complete while every answer is held', async () => {
      const { receiver, hooks, bot } = await setup();
      const release = receiver.hold();
      let delivered = 0;
      hooks.on('delivered', () => {
        delivered += 1;
      });
      await bot.userSends('first');
      await bot.userSends('second');
      await receiver.waitFor(4);
      expect(delivered).toBe(0);
      release();
      await hooks.flush({ timeoutMs: 5_000 });
      expect(delivered).toBe(4);
    });
  });
}
