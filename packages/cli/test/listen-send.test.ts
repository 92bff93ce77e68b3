import { generateSecret } from '@bothooks/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_EVENT_TYPES, SAMPLE_PLATFORMS } from '../src/index';
import { type RunningListener, runCli, startListen } from './helpers/cli';

const secret = generateSecret();
let listener: RunningListener;

beforeAll(async () => {
  listener = await startListen(['--port', '0', '--secret', secret, '--json']);
});

afterAll(async () => {
  const end = await listener.stop();
  expect(end.code).toBe(0);
  expect(end.stderr).toContain('Stopped.');
});

describe('bothooks send to bothooks listen', () => {
  it('delivers a signed sample from every platform, verified valid and answered 204', async () => {
    const path = '/platforms';
    const runs = await Promise.all(
      SAMPLE_PLATFORMS.map((platform) =>
        runCli(['send', `${listener.url}${path}`, '--secret', secret, '--platform', platform]),
      ),
    );
    for (const run of runs) {
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(
        /^→ POST http:\/\/127\.0\.0\.1:\d+\/platforms {2}message\.received · \w+ · signed$/m,
      );
      expect(run.stdout).toMatch(/^← 204 No Content {2}\d+ ms$/m);
    }
    const lines = await listener.waitForJson(path, 4);
    expect(lines.map((line) => line.platform).sort()).toEqual([...SAMPLE_PLATFORMS].sort());
    for (const line of lines) {
      expect(line).toMatchObject({
        method: 'POST',
        type: 'message.received',
        user: 'Ada Lovelace',
        text: 'Hi! Where is my order #42?',
        signature: { verdict: 'valid' },
        answer: { status: 204, kind: 'accepted' },
      });
      expect(line.webhookId).toMatch(/^msg_/);
      expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect((line.event as { data: { platform: string } }).data.platform).toBe(line.platform);
    }
  });

  it('sends every event type, each one received as that type', async () => {
    const path = '/types';
    const runs = await Promise.all(
      SAMPLE_EVENT_TYPES.map((type) =>
        runCli([
          'send',
          `${listener.url}${path}`,
          '--secret',
          secret,
          '--type',
          type,
          '--platform',
          'discord',
        ]),
      ),
    );
    for (const run of runs) expect(run.code, run.stdout + run.stderr).toBe(0);
    const lines = await listener.waitForJson(path, SAMPLE_EVENT_TYPES.length);
    expect(lines.map((line) => line.type).sort()).toEqual([...SAMPLE_EVENT_TYPES].sort());
    for (const line of lines) expect(line.signature).toEqual({ verdict: 'valid' });
    const deleted = lines.find((line) => line.type === 'message.deleted');
    expect(deleted?.text).toBeUndefined();
    const failed = lines.find((line) => line.type === 'message.failed');
    expect((failed?.event as { data: { error: unknown } } | undefined)?.data.error).toMatchObject({
      operation: 'send',
      code: 'FORBIDDEN',
      platformCode: '50013',
    });
    // Without --reply a JSON API request still gets an answer core reads as an empty reply.
    const request = lines.find((line) => line.type === 'jsonapi.request');
    expect(request?.answer).toMatchObject({ status: 204, kind: 'accepted' });
  });

  it('shows a delivery signed with another secret as invalid and refuses it with 401', async () => {
    const run = await runCli([
      'send',
      `${listener.url}/wrong`,
      '--secret',
      generateSecret(),
      '--text',
      'wrong key',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^← 401 Unauthorized/m);
    expect(run.stdout).toContain("is --secret the endpoint's secret?");
    const [line] = await listener.waitForJson('/wrong');
    expect(line).toMatchObject({
      text: 'wrong key',
      signature: { verdict: 'invalid', code: 'NO_MATCHING_SIGNATURE' },
      answer: { status: 401, kind: 'refused' },
    });
  });

  it('shows an unsigned delivery as unsigned and refuses it, since the listener has a secret', async () => {
    const run = await runCli(['send', `${listener.url}/unsigned`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('· unsigned');
    expect(run.stdout).toContain('hint: the receiver wants a signed request: pass --secret');
    const [line] = await listener.waitForJson('/unsigned');
    expect(line?.signature).toMatchObject({ verdict: 'unsigned', code: 'MISSING_HEADERS' });
    expect(line?.answer).toMatchObject({ status: 401 });
  });

  it('takes the secret from BOTHOOKS_SECRET', async () => {
    const run = await runCli(['send', `${listener.url}/from-env`], { env: { BOTHOOKS_SECRET: secret } });
    expect(run.code, run.stdout).toBe(0);
    const [line] = await listener.waitForJson('/from-env');
    expect(line?.signature).toEqual({ verdict: 'valid' });
  });
});

describe('bothooks verify against bothooks listen', () => {
  it('passes with the right secret: the listener echoes the challenge', async () => {
    const run = await runCli(['verify', `${listener.url}/verify`, '--secret', secret]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^✓ verified http:\/\/127\.0\.0\.1:\d+\/verify {2}answered 200 in \d+ ms$/m);
    const [line] = await listener.waitForJson('/verify');
    expect(line).toMatchObject({
      type: 'webhook.verify',
      signature: { verdict: 'valid' },
      answer: { status: 200, kind: 'challenge' },
    });
  });

  it('fails with exit code 1 and says why when the secret is wrong', async () => {
    const run = await runCli(['verify', `${listener.url}/verify-wrong`, '--secret', generateSecret()]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ not verified');
    expect(run.stdout).toContain('HTTP_STATUS: answered 401');
    expect(run.stdout).toContain(
      "hint: the receiver refused the signature: is --secret the endpoint's secret?",
    );
    const [line] = await listener.waitForJson('/verify-wrong');
    expect(line?.signature).toMatchObject({ verdict: 'invalid' });
  });
});

describe('the human format', () => {
  it('prints one line per delivery, and escapes control characters from the request', async () => {
    const human = await startListen(['--port', '0', '--secret', secret]);
    try {
      const text = 'hi \u001b[2J\u001b[31mgotcha';
      const run = await runCli([
        'send',
        `${human.url}/hooks`,
        '--secret',
        secret,
        '--platform',
        'slack',
        '--text',
        text,
      ]);
      expect(run.code).toBe(0);
      const stdout = await human.waitForOutput((output) => output.includes('gotcha'));
      expect(stdout).toMatch(
        /^\d\d:\d\d:\d\d {2}\/hooks {2}message\.received {2}slack {9}support \/ Ada Lovelace {2}"hi \\u001b\[2J\\u001b\[31mgotcha" {2}valid {2}→ 204\n$/,
      );
      expect(stdout).not.toContain('\u001b');
    } finally {
      await human.stop();
    }
  });
});
