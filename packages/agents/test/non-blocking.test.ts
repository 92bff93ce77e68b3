import { createUserActivity } from '@bothooks/testkit/agents';
import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { cloudSetup, hostSetup, summary } from './harness';

describe('never slowing or breaking the agent', () => {
  it('never lets its own faults reach the agent', async () => {
    const { sink, host, say, turnErrors } = await hostSetup(async (context) => {
      await context.sendActivity('still answering');
    });
    attachWebhooks(host.adapter, sink.hooks, {
      attributes: () => {
        throw new Error('attributes bug');
      },
    });

    await say('hi');

    expect(turnErrors).toEqual([]);
    expect((await sink.events()).map(summary)).toEqual([
      'message.received hi',
      'message.sent still answering',
    ]);
    expect(sink.errors.map((error) => error.code)).toEqual(['ATTRIBUTES_FAILED', 'ATTRIBUTES_FAILED']);
  });

  it('keeps the agent working after the Webhooks are closed', async () => {
    const { sink, connector, host, say, turnErrors } = await hostSetup(async (context) => {
      await context.sendActivity('still here');
    });
    attachWebhooks(host.adapter, sink.hooks);
    await sink.hooks.close();

    expect((await say('hi')).status).toBe(200);
    expect(turnErrors).toEqual([]);
    expect(connector.callsOf('replyToActivity').map((call) => call.body?.text)).toEqual(['still here']);
  });

  it('completes every turn while the endpoint holds every answer, and delivers everything after release', async () => {
    const { sink, connector, host } = await cloudSetup();
    const release = sink.receiver.hold();
    let delivered = 0;
    sink.hooks.on('delivered', () => {
      delivered += 1;
    });

    const answers = [];
    for (const text of ['one', 'status', 'oops']) {
      answers.push(await host.post(createUserActivity(connector.serviceUrl, { text })));
    }

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(connector.calls.map((call) => call.operation)).toEqual([
      'replyToActivity',
      'replyToActivity',
      'updateActivity',
      'replyToActivity',
      'deleteActivity',
    ]);
    await sink.receiver.waitFor(1);
    expect(delivered).toBe(0);

    release();
    const events = await sink.events();
    expect(delivered).toBe(8);
    expect(events.map((event) => event.type)).toEqual([
      'message.received',
      'message.sent',
      'message.received',
      'message.sent',
      'message.edited',
      'message.received',
      'message.sent',
      'message.deleted',
    ]);
  });

  it('keeps answering when the endpoint is down', async () => {
    // One attempt each: the point is the agent, not the retry schedule (covered in core).
    const { sink, connector, host, turnErrors } = await cloudSetup(undefined, { retry: false });
    await sink.receiver.close();
    const failed: string[] = [];
    sink.hooks.on('failed', (event) => failed.push(event.type));

    const answer = await host.post(createUserActivity(connector.serviceUrl, { text: 'anyone there?' }));
    await sink.hooks.flush({ timeoutMs: 5_000 });

    expect(answer.status).toBe(200);
    expect(turnErrors).toEqual([]);
    expect(connector.callsOf('replyToActivity')).toHaveLength(1);
    expect(failed.sort()).toEqual(['message.received', 'message.sent']);
  });
});
