import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { setup } from './harness';

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

describe('file uploads', () => {
  it('describes a photo uploaded from a Buffer, and the upload reaches Telegram intact', async () => {
    const { telegram, bot, hooks, receiver, delivered } = await setup();
    const image = randomBytes(200_000);
    bot.on('text', (context) =>
      context.replyWithPhoto({ source: image, filename: 'receipt.jpg' }, { caption: 'Your receipt' }),
    );
    attachWebhooks(bot, hooks);
    await bot.handleUpdate(telegram.updates.text('receipt please'));
    await receiver.waitFor(2);
    const [, sent] = await delivered();
    const upload = telegram.callsTo('sendPhoto')[0]?.files[0];
    expect(upload).toMatchObject({
      field: 'photo',
      filename: 'receipt.jpg',
      size: image.length,
      sha256: sha256(image),
    });
    expect(sent?.type).toBe('message.sent');
    expect(sent?.data.message).toEqual({
      id: '2',
      text: 'Your receipt',
      attachments: [{ type: 'photo', fileId: expect.any(String), name: 'receipt.jpg', size: image.length }],
    });
  });

  it('describes uploads from streams without touching them: the fake gets every byte', async () => {
    const { telegram, bot, hooks, receiver, delivered } = await setup();
    const directory = mkdtempSync(join(tmpdir(), 'bothooks-telegraf-'));
    const report = randomBytes(300_000);
    const path = join(directory, 'monthly-report.pdf');
    writeFileSync(path, report);
    const chunks = [randomBytes(40_000), randomBytes(25_000)];
    bot.on('text', async (context) => {
      await context.replyWithDocument({ source: createReadStream(path) });
      await context.replyWithPhoto({ source: Readable.from(chunks), filename: 'chart.png' });
    });
    attachWebhooks(bot, hooks);
    await bot.handleUpdate(telegram.updates.text('reports'));
    await receiver.waitFor(3);
    const [documentCall] = telegram.callsTo('sendDocument');
    // Telegraf names a stream without `filename` after the parameter, and that is the name Telegram keeps.
    expect(documentCall?.files[0]).toMatchObject({
      filename: 'document.dat',
      size: report.length,
      sha256: sha256(report),
    });
    const [photoCall] = telegram.callsTo('sendPhoto');
    const streamed = Buffer.concat(chunks);
    expect(photoCall?.files[0]).toMatchObject({
      filename: 'chart.png',
      size: streamed.length,
      sha256: sha256(streamed),
    });
    const [, document, photo] = await delivered();
    expect(document?.data.message.attachments).toEqual([
      {
        type: 'document',
        fileId: expect.any(String),
        name: 'document.dat',
        contentType: 'application/octet-stream',
        size: report.length,
      },
    ]);
    expect(photo?.data.message.attachments).toEqual([
      { type: 'photo', fileId: expect.any(String), name: 'chart.png', size: streamed.length },
    ]);
  });

  it('describes the files of a failed upload without reading them', async () => {
    const { telegram, bot, hooks, receiver, delivered } = await setup();
    telegram.fail('sendDocument', { error_code: 413, description: 'Request Entity Too Large' });
    const failures: unknown[] = [];
    bot.on('text', async (context) => {
      await context
        .replyWithDocument({ source: Buffer.alloc(1_024), filename: 'huge.zip' })
        .catch((error: unknown) => {
          failures.push(error);
        });
    });
    attachWebhooks(bot, hooks, { events: ['message.failed'] });
    await bot.handleUpdate(telegram.updates.text('send it'));
    await receiver.waitFor(1);
    const [failed] = await delivered();
    expect(failures).toHaveLength(1);
    expect(failed?.data.message.attachments).toEqual([{ type: 'document', name: 'huge.zip', size: 1_024 }]);
    expect(failed?.data.error).toEqual({
      operation: 'send',
      code: 'TOO_LARGE',
      message: 'Request Entity Too Large (sendDocument)',
      status: 413,
    });
  });
});
