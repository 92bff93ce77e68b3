import { ConfigError, createWebhooks } from '@bothooks/core';
import { describe, expect, it } from 'vitest';
import { attachWebhooks, webhookMiddleware } from '../src/index';
import { setup, summary } from './harness';

describe('options', () => {
  it('publishes only the configured events', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    app.message(async ({ say }) => {
      await say('reply');
    });
    attachWebhooks(app, harness.hooks, { events: ['message.sent'] });
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('hi'));
    expect((await harness.delivered()).map(summary)).toEqual(['message.sent reply']);
  });

  it('leaves text, block texts and command arguments out with includeText: false', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    app.command('/note', async ({ ack, respond }) => {
      await ack();
      await respond({
        text: 'Saved',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Your private note was saved' } }],
      });
    });
    attachWebhooks(app, harness.hooks, { includeText: false });
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.command('/note', 'my secret plan'));
    const events = await harness.delivered();
    expect(events.map((event) => event.type)).toEqual(['message.received', 'message.sent']);
    const body = JSON.stringify(events);
    for (const text of ['secret plan', 'Saved', 'private note']) expect(body).not.toContain(text);
    expect(events[0]?.data.message.action).toEqual({ kind: 'command', value: '/note' });
    expect(events[1]?.data.message.attachments).toEqual([{ type: 'blocks' }]);
  });

  it('adds attributes from the body Slack delivered', async () => {
    const harness = await setup();
    const { slack, app } = harness;
    app.message(async ({ say }) => {
      await say('reply');
    });
    attachWebhooks(app, harness.hooks, {
      attributes: (body) => ({ team: 'team_id' in body ? body.team_id : undefined, kind: body.type }),
    });
    await harness.start();
    await slack.deliver(harness.url, slack.payloads.message('hi'));
    const events = await harness.delivered();
    expect(events.map((event) => event.data.attributes)).toEqual([
      { team: slack.team.id, kind: 'event_callback' },
      { team: slack.team.id, kind: 'event_callback' },
    ]);
  });

  it('refuses a wrong app, wrong hooks and wrong options with a ConfigError naming them', async () => {
    const { app, hooks } = await setup();
    const cases: [() => unknown, string][] = [
      [() => attachWebhooks({} as never, hooks), 'app'],
      [() => attachWebhooks(app, {} as never), 'hooks'],
      [() => attachWebhooks(app, hooks, { events: ['message.nope'] } as never), 'events[0]'],
      [() => attachWebhooks(app, hooks, { includeText: 'no' } as never), 'includeText'],
      [() => attachWebhooks(app, hooks, { attributes: 'x' } as never), 'attributes'],
      [() => attachWebhooks(app, hooks, { includText: false } as never), 'includText'],
      [() => webhookMiddleware(createWebhooks({ endpoints: [] }), 'x' as never), 'options'],
    ];
    for (const [attach, field] of cases) {
      let error: unknown;
      try {
        attach();
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).field).toBe(field);
    }
  });
});
