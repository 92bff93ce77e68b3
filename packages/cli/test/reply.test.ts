import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSecret, signWebhook } from '@bothooks/core';
import { createReceiver } from '@bothooks/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningListener, runCli, startListen } from './helpers/cli';

const secret = generateSecret();
const directory = mkdtempSync(join(tmpdir(), 'bothooks-cli-reply-'));
const replyPath = join(directory, 'reply.json');
const reply = {
  messages: [{ text: 'Your order #42 has shipped', quickReplies: ['Track', 'Cancel'] }],
  attributes: { orderId: '42' },
};
let listener: RunningListener;

beforeAll(async () => {
  writeFileSync(replyPath, JSON.stringify(reply));
  listener = await startListen(['--port', '0', '--secret', secret, '--reply', replyPath, '--json']);
});

afterAll(async () => {
  await listener.stop();
  rmSync(directory, { recursive: true, force: true });
});

/** A GET JSON API request signed over its query string, as the new rule says. */
function signedGet(query: string) {
  const id = `msg_${Math.random().toString(36).slice(2)}`;
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook({ id, timestamp, payload: query, secret }),
  };
}

describe('bothooks listen --reply', () => {
  it('answers a jsonapi.request POST with the BotReply in the file', async () => {
    const run = await runCli([
      'send',
      `${listener.url}/post-quote`,
      '--secret',
      secret,
      '--type',
      'jsonapi.request',
    ]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('"Your order #42 has shipped"');
    expect(run.stdout).toContain('✓ a valid BotReply: 1 message');
    const [line] = await listener.waitForJson('/post-quote');
    expect(line.answer).toMatchObject({ status: 200, kind: 'reply', detail: `1 message from ${replyPath}` });
  });

  it('answers a signed GET, verified over its query string', async () => {
    const run = await runCli([
      'send',
      `${listener.url}/get-quote`,
      '--secret',
      secret,
      '--type',
      'jsonapi.request',
      '--method',
      'GET',
      '--platform',
      'telegram',
      '--text',
      'where is order 42?',
    ]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('✓ a valid BotReply: 1 message');
    const [line] = await listener.waitForJson((url) => url.startsWith('/get-quote?'));
    expect(line).toMatchObject({
      method: 'GET',
      type: 'jsonapi.request',
      platform: 'telegram',
      text: 'where is order 42?',
      signature: { verdict: 'valid' },
      answer: { status: 200, kind: 'reply' },
    });
    expect(line.event).toMatchObject({ conversation_id: '421337001', 'attributes.orderId': '42' });
  });

  it('refuses a GET whose query was changed after signing, and accepts the same request untouched', async () => {
    const query = 'type=jsonapi.request&platform=discord&text=refund%20order%2042';
    const headers = signedGet(query);
    const untouched = await fetch(`${listener.url}/untouched?${query}`, { headers });
    expect(untouched.status).toBe(200);
    expect(await untouched.json()).toEqual(reply);

    const tampered = await fetch(`${listener.url}/tampered?${query.replace('42', '43')}`, { headers });
    expect(tampered.status).toBe(401);
    expect(await tampered.json()).toMatchObject({ code: 'NO_MATCHING_SIGNATURE' });
    const [line] = await listener.waitForJson((url) => url.startsWith('/tampered?'));
    expect(line).toMatchObject({
      text: 'refund order 43',
      signature: { verdict: 'invalid', code: 'NO_MATCHING_SIGNATURE' },
      answer: { status: 401, kind: 'refused' },
    });

    // The same parameters encoded differently are a different query string: the signature covers bytes.
    const reencoded = await fetch(`${listener.url}/reencoded?${query.replaceAll('%20', '+')}`, { headers });
    expect(reencoded.status).toBe(401);
  });

  it('reads the file again for every request, and answers 500 when it stops being a BotReply', async () => {
    writeFileSync(
      replyPath,
      JSON.stringify({ message: 'first\n::next::\nsecond', suggested_replies: ['Yes', 'No'] }),
    );
    const legacy = await runCli([
      'send',
      `${listener.url}/legacy`,
      '--secret',
      secret,
      '--type',
      'jsonapi.request',
    ]);
    expect(legacy.code, legacy.stdout).toBe(0);
    expect(legacy.stdout).toContain('✓ a valid BotReply: 2 messages');

    writeFileSync(replyPath, JSON.stringify({ messages: [{ quickReplies: ['no text'] }] }));
    const broken = await runCli([
      'send',
      `${listener.url}/broken`,
      '--secret',
      secret,
      '--type',
      'jsonapi.request',
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^← 500 Internal Server Error/m);
    const [line] = await listener.waitForJson('/broken');
    expect(line.answer).toMatchObject({ status: 500, kind: 'error' });
    expect(String((line.answer as { detail: string }).detail)).toContain(
      'messages[0] needs a text or a card',
    );
    writeFileSync(replyPath, JSON.stringify(reply));
  });

  it('does not answer ordinary message events with the reply', async () => {
    const run = await runCli(['send', `${listener.url}/plain`, '--secret', secret]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^← 204 No Content/m);
  });
});

describe('bothooks send to a JSON API endpoint', () => {
  it('exits 1 and names the problem when a 200 answer is not a usable BotReply', async () => {
    const endpoint = await createReceiver();
    try {
      endpoint.script([
        {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: '{"messages":[{"quickReplies":["x"]}]}',
        },
      ]);
      const run = await runCli(['send', endpoint.url('/quotes'), '--type', 'jsonapi.request']);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^← 200 OK/m);
      expect(run.stdout).toContain('✗ not a usable BotReply: messages[0] needs a text or a card');
    } finally {
      await endpoint.close();
    }
  });
});
