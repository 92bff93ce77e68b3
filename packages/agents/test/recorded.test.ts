import { readFileSync } from 'node:fs';
import { Activity } from '@microsoft/agents-activity';
import { CardFactory, MessageFactory } from '@microsoft/agents-hosting';
import { describe, expect, it } from 'vitest';
import { type ActivityInput, activityToMessageData, attachWebhooks } from '../src/index';
import { hostSetup, RECORDED_ACTIVITIES } from './harness';

function recorded(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${name}.json`, RECORDED_ACTIVITIES), 'utf8'));
}

const ADAPTIVE_CARD =
  (recorded('outbound-adaptive-card').attachments as { content: object }[])[0]?.content ?? {};

// The replies the recordings were made from (the same as botbuilder's `outbound-*` recordings).
const REPLIES: Record<string, () => Activity> = {
  'agents-outbound-adaptive-card': () => MessageFactory.attachment(CardFactory.adaptiveCard(ADAPTIVE_CARD)),
  'agents-outbound-hero-card': () =>
    MessageFactory.attachment(
      CardFactory.heroCard(
        'Winter jacket',
        'In stock, ships in 24 hours',
        CardFactory.images(['https://shop.example.com/images/jacket.png']),
        CardFactory.actions([{ type: 'openUrl', title: 'View', value: 'https://shop.example.com/jacket' }]),
      ),
    ),
  'agents-outbound-suggested-actions': () =>
    MessageFactory.suggestedActions(['Track', 'Cancel'], 'Anything else about order #42?'),
};

/** What varies between runs: the local serviceUrl, and ids the fake connector assigns. */
function stable(body: Record<string, unknown> | undefined): Record<string, unknown> {
  const { serviceUrl: _serviceUrl, ...rest } = body ?? {};
  return rest;
}

describe('what the Agents SDK 1.8.1 posts to the Bot Connector, as recorded', () => {
  it.each(Object.keys(REPLIES))(
    '%s: the SDK still posts the recording, and bothooks maps it',
    async (name) => {
      const { sink, connector, host, say } = await hostSetup(async (context) => {
        await context.sendActivity(REPLIES[name]?.() ?? Activity.fromObject({ type: 'message' }));
      });
      attachWebhooks(host.adapter, sink.hooks);
      const recording = recorded(name);

      await say('show me', { id: recording.replyToId });

      const [call] = connector.callsOf('replyToActivity');
      expect(stable(call?.body)).toEqual(stable(recording));
      const [, sent] = await sink.events();
      const expected = activityToMessageData(recording as ActivityInput, { direction: 'outbound' });
      expect(sent?.data).toEqual({ ...expected, message: { ...expected.message, id: call?.activityId } });
    },
  );
});
