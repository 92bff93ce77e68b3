import { botAccount, mapUpdate } from '@bothooks/platform-telegram';
import { describe, expect, it } from 'vitest';
import { recordedUpdates } from '../../platform-telegram/test/fixtures';
import { attachWebhooks } from '../src/index';
import { setup } from './harness';

// The shared mapping is tested on the recordings in @bothooks/platform-telegram; here each recording goes through
// a real grammY bot, which must hand the adapter the update exactly as Telegram sent it.
describe('recorded updates through grammY', () => {
  it.each(recordedUpdates())('%s arrives as the shared mapping says', async (_name, update) => {
    const { telegram, bot, hooks, handle, delivered } = await setup();
    attachWebhooks(bot, hooks);
    await handle(structuredClone(update));
    const expected = mapUpdate(update, botAccount(telegram.botInfo, telegram.token), {
      callbackQueries: true,
    });
    const events = await delivered();
    expect(events.map((event) => ({ type: event.type, data: event.data }))).toEqual(
      expected ? [{ type: expected.type, data: expected.data }] : [],
    );
    if (expected?.timestamp !== undefined) {
      expect(events[0]?.timestamp).toBe(new Date(expected.timestamp).toISOString());
    }
  });
});
