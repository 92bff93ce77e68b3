import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { Telegraf, TelegramError } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeTelegram, FAKE_CHATS, FAKE_USER, type FakeTelegram } from './index';
import { parseMultipart } from './multipart';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(): Promise<{ telegram: FakeTelegram; bot: Telegraf }> {
  const telegram = await createFakeTelegram();
  cleanups.push(() => telegram.close());
  const bot = new Telegraf(telegram.token, { telegram: { apiRoot: telegram.apiRoot } });
  return { telegram, bot };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('fake Telegram Bot API', () => {
  it('answers getMe with the bot named by the token, and refuses other tokens', async () => {
    const { telegram, bot } = await start();
    const me = await bot.telegram.getMe();
    expect(me).toMatchObject({ id: 7_000_000_001, is_bot: true, username: 'bothooks_test_bot' });
    const stranger = new Telegraf('123:wrong', { telegram: { apiRoot: telegram.apiRoot } });
    const error = await rejection(stranger.telegram.getMe());
    expect(error).toBeInstanceOf(TelegramError);
    expect((error as TelegramError).code).toBe(401);
  });

  it('answers replies with realistic messages, numbered per chat', async () => {
    const { telegram, bot } = await start();
    bot.botInfo = telegram.botInfo;
    bot.on('text', async (context) => {
      await context.reply(`echo: ${context.message.text}`);
    });
    await bot.handleUpdate(telegram.updates.text('hello'));
    await bot.handleUpdate(telegram.updates.text('again'));
    const [first, second] = telegram.callsTo('sendMessage');
    expect(first?.params).toMatchObject({ chat_id: FAKE_USER.id, text: 'echo: hello' });
    expect(first?.response).toMatchObject({
      ok: true,
      result: {
        message_id: 2,
        from: { id: telegram.botInfo.id, is_bot: true },
        chat: FAKE_CHATS.private,
        text: 'echo: hello',
        date: expect.any(Number),
      },
    });
    expect(second?.response).toMatchObject({ ok: true, result: { message_id: 4, text: 'echo: again' } });
  });

  it('records uploads from a Buffer and from a stream byte for byte', async () => {
    const { telegram, bot } = await start();
    const image = randomBytes(150_000);
    const document = randomBytes(70_000);
    const photo = await bot.telegram.sendPhoto(
      FAKE_USER.id,
      { source: image, filename: 'cat.jpg' },
      { caption: 'a cat' },
    );
    const sent = await bot.telegram.sendDocument(FAKE_USER.id, {
      source: Readable.from([document.subarray(0, 30_000), document.subarray(30_000)]),
      filename: 'report.pdf',
    });
    const [photoCall] = telegram.callsTo('sendPhoto');
    expect(photoCall?.encoding).toBe('multipart');
    expect(photoCall?.params).toMatchObject({ chat_id: String(FAKE_USER.id), caption: 'a cat' });
    expect(photoCall?.files).toEqual([
      expect.objectContaining({
        field: 'photo',
        filename: 'cat.jpg',
        size: image.length,
        sha256: sha256(image),
      }),
    ]);
    expect(photo.photo.at(-1)?.file_size).toBe(image.length);
    expect(photo.caption).toBe('a cat');
    const [documentCall] = telegram.callsTo('sendDocument');
    expect(documentCall?.files[0]).toMatchObject({
      filename: 'report.pdf',
      size: document.length,
      sha256: sha256(document),
    });
    expect(sent.document).toMatchObject({
      file_name: 'report.pdf',
      mime_type: 'application/pdf',
      file_size: document.length,
    });
  });

  it('sends media groups from attached files', async () => {
    const { telegram, bot } = await start();
    const messages = await bot.telegram.sendMediaGroup(FAKE_USER.id, [
      { type: 'photo', media: { source: randomBytes(1_000) }, caption: 'first' },
      { type: 'photo', media: { source: randomBytes(2_000) } },
    ]);
    expect(messages).toHaveLength(2);
    expect(messages[0]?.media_group_id).toBeDefined();
    expect(messages[0]?.media_group_id).toBe(messages[1]?.media_group_id);
    expect(
      messages.map((message) => ('photo' in message ? message.photo.at(-1)?.file_size : undefined)),
    ).toEqual([1_000, 2_000]);
    expect(telegram.callsTo('sendMediaGroup')[0]?.files.map((file) => file.size)).toEqual([1_000, 2_000]);
  });

  it('edits and deletes only messages that exist, as Telegram checks them', async () => {
    const { bot } = await start();
    const sent = await bot.telegram.sendMessage(FAKE_USER.id, 'original');
    const edited = await bot.telegram.editMessageText(FAKE_USER.id, sent.message_id, undefined, 'edited');
    expect(edited).toMatchObject({
      message_id: sent.message_id,
      text: 'edited',
      edit_date: expect.any(Number),
    });
    const notModified = await rejection(
      bot.telegram.editMessageText(FAKE_USER.id, sent.message_id, undefined, 'edited'),
    );
    expect((notModified as TelegramError).description).toMatch(/message is not modified/);
    expect(await bot.telegram.deleteMessage(FAKE_USER.id, sent.message_id)).toBe(true);
    const gone = await rejection(bot.telegram.deleteMessage(FAKE_USER.id, sent.message_id));
    expect((gone as TelegramError).description).toBe('Bad Request: message to delete not found');
    const missing = await rejection(bot.telegram.editMessageText(FAKE_USER.id, 999, undefined, 'x'));
    expect((missing as TelegramError).code).toBe(400);
  });

  it('refuses to edit a message the bot did not send', async () => {
    const { telegram, bot } = await start();
    const update = telegram.updates.text('mine');
    const error = await rejection(
      bot.telegram.editMessageText(FAKE_USER.id, update.message.message_id, undefined, 'yours'),
    );
    expect((error as TelegramError).description).toBe("Bad Request: message can't be edited");
  });

  it('copies and forwards messages it knows', async () => {
    const { telegram, bot } = await start();
    const original = telegram.updates.text('forward me');
    const copy = await bot.telegram.copyMessage(
      FAKE_CHATS.group.id,
      FAKE_USER.id,
      original.message.message_id,
    );
    expect(copy).toEqual({ message_id: 1 });
    expect(telegram.message(FAKE_CHATS.group.id, 1)).toMatchObject({ text: 'forward me' });
    const forwarded = await bot.telegram.forwardMessage(
      FAKE_CHATS.group.id,
      FAKE_USER.id,
      original.message.message_id,
    );
    expect(forwarded).toMatchObject({ message_id: 2, text: 'forward me', forward_origin: { type: 'user' } });
    const error = await rejection(bot.telegram.copyMessage(FAKE_CHATS.group.id, FAKE_USER.id, 404));
    expect((error as TelegramError).description).toBe('Bad Request: message to copy not found');
  });

  it('fails scripted calls with Bot API errors, bad gateways and reset connections', async () => {
    const { telegram, bot } = await start();
    telegram.fail('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    telegram.fail('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    telegram.fail('sendMessage', { httpStatus: 502 });
    telegram.fail('sendMessage', { reset: true });
    const blocked = (await rejection(bot.telegram.sendMessage(1, 'a'))) as TelegramError;
    expect([blocked.code, blocked.description]).toEqual([403, 'Forbidden: bot was blocked by the user']);
    const limited = (await rejection(bot.telegram.sendMessage(1, 'b'))) as TelegramError;
    expect([limited.code, limited.parameters?.retry_after]).toEqual([429, 7]);
    const gateway = (await rejection(bot.telegram.sendMessage(1, 'c'))) as TelegramError;
    expect(gateway.code).toBe(502);
    const reset = (await rejection(bot.telegram.sendMessage(1, 'd'))) as Error;
    expect(reset).not.toBeInstanceOf(TelegramError);
    expect(reset.message).not.toContain(telegram.token);
    await expect(bot.telegram.sendMessage(1, 'works again')).resolves.toMatchObject({ text: 'works again' });
    expect(telegram.callsTo('sendMessage')).toHaveLength(5);
  });

  it('answers unknown methods with 404 like the real server', async () => {
    const { bot } = await start();
    const error = (await rejection(bot.telegram.callApi('noSuchMethod' as 'getMe', {}))) as TelegramError;
    expect([error.code, error.description]).toEqual([404, 'Not Found']);
  });

  it('serves long polling to bot.launch(), confirming updates by offset', async () => {
    const { telegram, bot } = await start();
    bot.on('text', (context) => context.reply(`echo: ${context.message.text}`));
    const launched = bot.launch();
    cleanups.push(async () => {
      bot.stop('test over');
      await launched;
    });
    telegram.pushUpdate(telegram.updates.text('one'));
    telegram.pushUpdate(telegram.updates.text('two'));
    const replies = await telegram.waitForCalls('sendMessage', 2);
    expect(replies.map((call) => call.params.text).sort()).toEqual(['echo: one', 'echo: two']);
    telegram.pushUpdate(telegram.updates.text('three'));
    await telegram.waitForCalls('sendMessage', 3);
    const polls = telegram.callsTo('getUpdates');
    expect(polls[0]?.params).toMatchObject({ timeout: 50, offset: 0 });
    expect(polls.some((call) => Number(call.params.offset) > 700_000_000)).toBe(true);
    expect(telegram.callsTo('deleteWebhook')).toHaveLength(1);
  });

  it('POSTs updates to a webhook and executes the method the bot answers with', async () => {
    const { telegram, bot } = await start();
    bot.botInfo = telegram.botInfo;
    bot.on('text', async (context) => {
      await context.sendChatAction('typing');
      await context.reply('answered');
    });
    const server: Server = createServer(bot.webhookCallback('/telegram', { secretToken: 'hook-secret' }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const { port } = server.address() as AddressInfo;
    await bot.telegram.setWebhook(`http://127.0.0.1:${port}/telegram`, { secret_token: 'hook-secret' });
    const refused = (await rejection(bot.telegram.getUpdates(0, 1, 0, undefined))) as TelegramError;
    expect(refused.code).toBe(409);
    telegram.pushUpdate(telegram.updates.text('hi'));
    const [delivery] = await telegram.waitForDeliveries(1);
    expect(delivery?.status).toBe(200);
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({ method: 'sendChatAction', action: 'typing' });
    expect(delivery?.reply).toMatchObject({
      method: 'sendChatAction',
      via: 'webhook-reply',
      response: { ok: true },
    });
    await telegram.waitForCalls('sendMessage');
    expect(telegram.callsTo('sendMessage')[0]?.via).toBe('http');
  });

  it('refuses webhooks that are not on this machine', async () => {
    const { bot } = await start();
    const error = (await rejection(bot.telegram.setWebhook('https://example.com/hook'))) as TelegramError;
    expect(error.code).toBe(400);
  });
});

describe('parseMultipart', () => {
  it('keeps binary file contents exactly, including CRLF and boundary-like bytes', () => {
    const boundary = 'abc123';
    const file = Buffer.concat([Buffer.from('\r\n--abc12\r\n'), randomBytes(512), Buffer.from('\r\n')]);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition:form-data; name="chat_id"\r\n\r\n42\r\n--${boundary}\r\n`,
      ),
      Buffer.from(`content-disposition:form-data; name="photo"; filename="a.jpg"\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--`),
    ]);
    const parts = parseMultipart(body, boundary);
    expect(parts.map((part) => [part.name, part.filename])).toEqual([
      ['chat_id', undefined],
      ['photo', 'a.jpg'],
    ]);
    expect(parts[0]?.data.toString()).toBe('42');
    expect(parts[1]?.data.equals(file)).toBe(true);
  });

  it('reads bare parameter values too, as grammY writes them (`name="x";filename=a b.jpg`)', () => {
    const boundary = '----------grammy';
    const body = Buffer.from(
      `--${boundary}\r\ncontent-disposition:form-data;name="photo"\r\n\r\nattach://k2x9\r\n--${boundary}\r\n` +
        `content-disposition:form-data;name="k2x9";filename=my receipt.jpg\r\ncontent-type:application/octet-stream\r\n\r\n` +
        `JPEG\r\n--${boundary}--\r\n`,
    );
    const parts = parseMultipart(body, boundary);
    expect(parts.map((part) => [part.name, part.filename, part.data.toString()])).toEqual([
      ['photo', undefined, 'attach://k2x9'],
      ['k2x9', 'my receipt.jpg', 'JPEG'],
    ]);
  });
});
