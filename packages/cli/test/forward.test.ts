import { generateSecret } from '@bothooks/core';
import { createReceiver, type Receiver } from '@bothooks/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningListener, runCli, startListen } from './helpers/cli';

const secret = generateSecret();
let target: Receiver;
let listener: RunningListener;

beforeAll(async () => {
  // The developer's own receiver: it checks every signature with the standardwebhooks package.
  target = await createReceiver({ secret });
  listener = await startListen(['--port', '0', '--json', '--forward-to', target.url('/bot-events')]);
});

afterAll(async () => {
  expect((await listener.stop()).code).toBe(0);
  await target.close();
});

describe('bothooks listen --forward-to', () => {
  it('relays the request unchanged, so the target verifies it, and shows the status and latency', async () => {
    target.script(
      [{ status: 202, headers: { 'x-handled-by': 'my-app' }, body: '{"ok":true}' }],
      '/bot-events',
    );
    const run = await runCli(['send', `${listener.url}/relay`, '--secret', secret, '--text', 'relay me']);
    expect(run.code, run.stdout).toBe(0);
    // The target's own answer is what the sender gets.
    expect(run.stdout).toMatch(/^← 202 Accepted/m);
    expect(run.stdout).toContain('"ok": true');

    const [received] = await target.waitFor(1, { filter: (request) => request.body.includes('relay me') });
    expect(received?.verified).toBe(true);
    expect(received?.method).toBe('POST');
    const [line] = await listener.waitForJson('/relay');
    expect(received?.headers['webhook-id']).toBe(line.webhookId);
    expect(received?.json()).toEqual(line.event);
    // `verified` above already proves the body arrived byte for byte: the signature covers the raw bytes.
    expect(received?.body).toBe(JSON.stringify(line.event));
    expect(received?.headers['user-agent']).toMatch(/^bothooks\//);
    expect(line.signature).toEqual({ verdict: 'unchecked' });
    expect(line.answer).toMatchObject({ status: 202, kind: 'forwarded' });
    expect(line.forward).toMatchObject({ url: target.url('/bot-events'), status: 202, resend: false });
    expect(typeof (line.forward as { latencyMs: unknown }).latencyMs).toBe('number');
  });

  it('sends URL credentials as Basic authorization, relays them unchanged, and never prints them', async () => {
    const url = new URL(`${listener.url}/with-credentials`);
    url.username = 'bot';
    url.password = 's3cr3t pass';
    const run = await runCli(['send', url.href, '--secret', secret]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain(`→ POST ${listener.url}/with-credentials  `);
    expect(run.stdout).not.toContain('s3cr3t');
    const [received] = await target.waitFor(1, {
      filter: (request) => request.headers.authorization !== undefined,
    });
    expect(received?.headers.authorization).toBe(
      `Basic ${Buffer.from('bot:s3cr3t pass').toString('base64')}`,
    );
    await listener.waitForJson('/with-credentials');
    expect(listener.stdout()).not.toContain(Buffer.from('bot:s3cr3t pass').toString('base64'));
  });

  it('relays a GET with its query string exactly as sent', async () => {
    const run = await runCli([
      'send',
      `${listener.url}/quotes?tenant=acme`,
      '--secret',
      secret,
      '--type',
      'jsonapi.request',
      '--method',
      'GET',
    ]);
    expect(run.code, run.stdout).toBe(0);
    const [line] = await listener.waitForJson((url) => url.startsWith('/quotes?'));
    const query = String(line.url).slice('/quotes?'.length);
    expect(query.startsWith('tenant=acme&type=jsonapi.request&')).toBe(true);
    const [received] = await target.waitFor(1, { filter: (request) => request.method === 'GET' });
    expect(received?.url).toBe(`/bot-events?${query}`);
    expect(received?.headers['webhook-signature']).toMatch(/^v1,/);
  });

  it('never follows a redirect: the 302 is shown and relayed as it is', async () => {
    target.script([{ redirectTo: `${target.origin}/elsewhere` }], '/bot-events');
    const run = await runCli(['send', `${listener.url}/redirected`, '--secret', secret]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^← 302 Found/m);
    expect(run.stdout).toContain('redirects are not followed');
    const [line] = await listener.waitForJson('/redirected');
    expect(line.forward).toMatchObject({ status: 302 });
    expect(target.on('/elsewhere')).toHaveLength(0);
  });

  it('answers 502 and shows why when the target is down', async () => {
    const down = await createReceiver();
    const downUrl = down.url('/gone');
    await down.close();
    const relay = await startListen(['--port', '0', '--json', '--forward-to', downUrl]);
    try {
      const run = await runCli(['send', `${relay.url}/to-nowhere`]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^← 502 Bad Gateway/m);
      await relay.waitForOutput((stdout) => stdout.includes('to-nowhere'));
      const [line] = relay.jsonLines();
      expect(line?.forward).toMatchObject({ error: { code: 'CONNECTION_REFUSED' } });
      expect(line?.answer).toMatchObject({ status: 502, kind: 'error' });
    } finally {
      await relay.stop();
    }
  });

  it('prints the relay under the delivery line in the human format', async () => {
    const human = await startListen(['--port', '0', '--forward-to', target.url('/human')]);
    try {
      const run = await runCli(['send', `${human.url}/hooks`, '--secret', secret]);
      expect(run.code, run.stdout).toBe(0);
      const stdout = await human.waitForOutput((text) => text.includes('↪'));
      expect(stdout).toMatch(
        /message\.received .* unchecked {2}→ 204 the forward target answered\n {10}↪ http:\/\/127\.0\.0\.1:\d+\/human {2}204 No Content {2}\d+ ms/,
      );
      expect(stdout).not.toContain('\u001b[');
    } finally {
      await human.stop();
    }
  });
});
