import { expect, it } from 'vitest';
import { type AdapterContract, type StartContractBot, summary } from './types';

/** What every adapter reports, and how: messages in and out, edits, deletes, order, tags, a bot that throws. */
export function messageCases(contract: AdapterContract, setup: StartContractBot): void {
  it('reports the inbound message and the reply, signed, with the human as the user', async () => {
    const { receiver, bot, delivered } = await setup();
    await bot.userSends('hello');
    const received = await delivered();
    expect(received.map(summary)).toEqual(['message.received hello', 'message.sent echo: hello']);
    const [inbound, outbound] = received;
    expect(inbound?.data).toMatchObject({ platform: contract.platform, direction: 'inbound' });
    expect(outbound?.data).toMatchObject({ platform: contract.platform, direction: 'outbound' });
    expect(outbound?.data.message.id).toEqual(expect.any(String));
    expect(outbound?.data.conversation.id).toBe(inbound?.data.conversation.id);
    expect(outbound?.data.user?.id).toBe(inbound?.data.user?.id);
    expect(outbound?.data.bot.id).toBe(inbound?.data.bot.id);
    expect(inbound?.data.user?.id).not.toBe(inbound?.data.bot.id);
    expect(receiver.requests.every((request) => request.verified)).toBe(true);
    expect(bot.frameworkErrors).toEqual([]);
  });

  it('reports an edit with the id of the message sent', async () => {
    const { bot, delivered } = await setup();
    await bot.userSends('edit me');
    const received = await delivered();
    const sent = received.find((event) => event.type === 'message.sent');
    const edited = received.find((event) => event.type === 'message.edited');
    expect(sent?.data.message.text).toBe('original');
    expect(edited?.data.message.text).toBe('edited');
    expect(edited?.data.message.id).toBe(sent?.data.message.id);
    expect(edited?.data.direction).toBe('outbound');
  });

  it('reports a delete with the id of the message sent', async () => {
    const { bot, delivered } = await setup();
    await bot.userSends('delete me');
    const received = await delivered();
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
    expect(delivered.map((request) => summary(request.json()))).toEqual([
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
    const { bot, delivered } = await setup();
    await bot.userSends('fail');
    expect((await delivered()).map(summary)).toEqual(['message.received fail', 'message.sent about to fail']);
    expect(bot.frameworkErrors).toHaveLength(1);
    expect(String((bot.frameworkErrors[0] as Error)?.message ?? bot.frameworkErrors[0])).toContain(
      'contract failure',
    );
  });

  it('sends a tagged turn to the endpoints of its interaction, and everything to the others', async () => {
    const { bot, delivered } = await setup({ scoped: true });
    await bot.userSends('hello');
    await bot.userSends('tag order');
    const scoped = await delivered('/order');
    // `tagged`, not `not tagged`: tagInteraction returned true.
    expect(scoped.map(summary)).toEqual(['message.received tag order', 'message.sent tagged order']);
    expect(scoped.every((event) => event.data.interaction === 'order')).toBe(true);
    const everything = await delivered('/all');
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
}
