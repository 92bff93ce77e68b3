import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputFile, InputMediaBuilder } from 'grammy';
import { describe, expect, it } from 'vitest';
import { attachWebhooks } from '../src/index';
import { setup } from './harness';

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

describe('file uploads', () => {
  it('describes a photo uploaded from a Buffer, and the upload reaches Telegram intact', async () => {
    const { telegram, bot, hooks, handle, receiver, delivered } = await setup();
    const image = randomBytes(200_000);
    bot.on('message:text', (context) =>
      context.replyWithPhoto(new InputFile(image, 'receipt.jpg'), { caption: 'Your receipt' }),
    );
    attachWebhooks(bot, hooks);
    await handle(telegram.updates.text('receipt please'));
    await receiver.waitFor(2);
    const [, sent] = await delivered();
    const [call] = telegram.callsTo('sendPhoto');
    const upload = call?.files[0];
    // grammY sends each file as its own part, named by the `attach://` reference in the parameter.
    expect(call?.params.photo).toBe(`attach://${upload?.field}`);
    expect(upload).toMatchObject({
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

  it('describes uploads from a file stream, a path and an async iterable without touching them', async () => {
    const { telegram, bot, hooks, handle, receiver, delivered } = await setup();
    const directory = mkdtempSync(join(tmpdir(), 'bothooks-grammy-'));
    const report = randomBytes(300_000);
    const reportPath = join(directory, 'monthly-report.pdf');
    writeFileSync(reportPath, report);
    const menu = randomBytes(20_000);
    const menuPath = join(directory, 'menu.pdf');
    writeFileSync(menuPath, menu);
    const chunks = [randomBytes(40_000), randomBytes(25_000)];
    async function* chart() {
      yield* chunks;
    }
    bot.on('message:text', async (context) => {
      await context.replyWithDocument(new InputFile(createReadStream(reportPath)));
      await context.replyWithDocument(new InputFile(menuPath));
      await context.replyWithPhoto(new InputFile(chart(), 'chart.png'));
    });
    attachWebhooks(bot, hooks);
    await handle(telegram.updates.text('reports'));
    await receiver.waitFor(4);
    const [reportCall, menuCall] = telegram.callsTo('sendDocument');
    expect(reportCall?.files[0]).toMatchObject({ size: report.length, sha256: sha256(report) });
    expect(menuCall?.files[0]).toMatchObject({
      filename: 'menu.pdf',
      size: menu.length,
      sha256: sha256(menu),
    });
    const streamed = Buffer.concat(chunks);
    expect(telegram.callsTo('sendPhoto')[0]?.files[0]).toMatchObject({
      filename: 'chart.png',
      size: streamed.length,
      sha256: sha256(streamed),
    });
    const [, reportEvent, menuEvent, chartEvent] = await delivered();
    expect(reportEvent?.data.message.attachments).toEqual([
      expect.objectContaining({ type: 'document', fileId: expect.any(String), size: report.length }),
    ]);
    expect(menuEvent?.data.message.attachments).toEqual([
      expect.objectContaining({ type: 'document', name: 'menu.pdf', size: menu.length }),
    ]);
    expect(chartEvent?.data.message.attachments).toEqual([
      { type: 'photo', fileId: expect.any(String), name: 'chart.png', size: streamed.length },
    ]);
  });

  it('describes the files of a media group of uploads', async () => {
    const { telegram, bot, hooks, handle, receiver, delivered } = await setup();
    bot.on('message:text', (context) =>
      context.replyWithMediaGroup([
        InputMediaBuilder.photo(new InputFile(Buffer.alloc(1_000), 'front.jpg'), { caption: 'Front' }),
        InputMediaBuilder.photo(new InputFile(Buffer.alloc(2_000), 'back.jpg')),
      ]),
    );
    attachWebhooks(bot, hooks);
    await handle(telegram.updates.text('album'));
    await receiver.waitFor(3);
    const [, front, back] = await delivered();
    expect(front?.data.message).toMatchObject({
      text: 'Front',
      attachments: [{ type: 'photo', fileId: expect.any(String), name: 'front.jpg', size: 1_000 }],
    });
    expect(back?.data.message.attachments).toEqual([
      { type: 'photo', fileId: expect.any(String), name: 'back.jpg', size: 2_000 },
    ]);
    expect(telegram.callsTo('sendMediaGroup')[0]?.files.map((file) => file.size)).toEqual([1_000, 2_000]);
  });

  it('describes the files of a failed upload without reading them', async () => {
    const { telegram, bot, hooks, handle, receiver, delivered } = await setup();
    telegram.fail('sendDocument', { error_code: 413, description: 'Request Entity Too Large' });
    const failures: unknown[] = [];
    bot.on('message:text', async (context) => {
      await context
        .replyWithDocument(new InputFile(Buffer.alloc(1_024), 'huge.zip'))
        .catch((error: unknown) => {
          failures.push(error);
        });
    });
    attachWebhooks(bot, hooks, { events: ['message.failed'] });
    await handle(telegram.updates.text('send it'));
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
