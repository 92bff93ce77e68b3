import { type ErrorReport, MESSAGE_EVENT_TYPES, MESSAGE_FAILURE_CODES } from '@bothooks/core';
import { expect, it } from 'vitest';
import { type AdapterContract, type StartContractBot, summary } from './types';

const SECRET_TEXTS = ['Secret title', 'Secret summary'];

/** The policies every adapter shares through the kit: text stripping, attaching twice, `message.failed`. */
export function policyCases(contract: AdapterContract, setup: StartContractBot): void {
  it('describes attachments with their titles and summaries by default', async () => {
    const { bot, delivered } = await setup();
    await bot.userSends('rich');
    const sent = (await delivered()).find((event) => event.type === 'message.sent');
    expect(sent?.data.message.attachments).toContainEqual(
      expect.objectContaining({ title: 'Secret title', summary: 'Secret summary' }),
    );
  });

  it('leaves every text-bearing field out with includeText: false, and keeps ids and attachment types', async () => {
    const { bot, delivered } = await setup({ attach: { includeText: false } });
    await bot.userSends('rich');
    await bot.userSends('hello');
    const received = await delivered();
    expect(received.map((event) => event.type)).toEqual([
      'message.received',
      'message.sent',
      'message.received',
      'message.sent',
    ]);
    const body = JSON.stringify(received);
    for (const text of [...SECRET_TEXTS, 'rich', 'hello']) expect(body).not.toContain(text);
    for (const event of received) {
      expect(event.data.message.text).toBeUndefined();
      for (const attachment of event.data.message.attachments) {
        expect(attachment).not.toHaveProperty('title');
        expect(attachment).not.toHaveProperty('summary');
      }
      expect(event.data.message.action ?? {}).not.toHaveProperty('options');
    }
    expect(received[1]?.data.message.id).toEqual(expect.any(String));
    expect(received[1]?.data.message.attachments.length).toBeGreaterThan(0);
  });

  it('attaches the same Webhooks once: the second attachment changes nothing and says so', async () => {
    const { hooks, bot, delivered } = await setup();
    const reports: ErrorReport[] = [];
    hooks.on('error', (report) => reports.push(report));
    const duplicate = bot.attachAgain({ includeText: false });
    // The duplicate's detach() does nothing: the first attachment stays, with its options.
    duplicate();
    await bot.userSends('hello');
    expect((await delivered()).map(summary)).toEqual(['message.received hello', 'message.sent echo: hello']);
    expect(reports).toEqual([
      expect.objectContaining({ code: 'ALREADY_ATTACHED', severity: 'warning', source: contract.source }),
    ]);
    bot.detach();
    await bot.userSends('after detach');
    expect(await delivered()).toHaveLength(2);
    expect(bot.frameworkErrors).toEqual([]);
  });

  it('describes a refused send as message.failed, with the shared codes and no credential', async () => {
    const { bot, delivered } = await setup({ attach: { events: [...MESSAGE_EVENT_TYPES] } });
    bot.refuseNextSend(`Forbidden: the credential ${bot.credential} may not post here`);
    await bot.userSends('hello');
    const received = await delivered();
    expect(received.map(summary)).toEqual(['message.received hello', 'message.failed echo: hello']);
    const [inbound, failed] = received;
    expect(failed?.data).toMatchObject({
      platform: contract.platform,
      direction: 'outbound',
      conversation: { id: inbound?.data.conversation.id },
      error: { operation: 'send', code: 'FORBIDDEN', status: 403 },
    });
    const error = failed?.data.error;
    expect(MESSAGE_FAILURE_CODES).toContain(error?.code);
    expect(
      Object.keys(error ?? {}).every((key) =>
        ['operation', 'code', 'message', 'status', 'platformCode'].includes(key),
      ),
    ).toBe(true);
    expect(error?.message).toContain('may not post here');
    expect(error?.message).toContain('[REDACTED]');
    expect(JSON.stringify(received)).not.toContain(bot.credential);
    expect(bot.frameworkErrors).toHaveLength(1);
  });
}
