import { request } from 'node:http';
import { generateSecret } from '@bothooks/core';
import { createReceiver, type Receiver } from '@bothooks/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, CHROMIUM_PATH, chromiumAvailable, launchChromium } from './helpers/browser';
import { type RunningListener, runCli, startInspectedListen } from './helpers/cli';

// The page is tested in a real browser. Without chromium the test fails under CI and says loudly that it
// skipped anywhere else: never a silent pass.
const ci = process.env.CI === 'true';
const available = chromiumAvailable();
if (!available && !ci) {
  console.warn(
    `\n!!! SKIPPED the inspector's browser tests: no chromium at ${CHROMIUM_PATH}.\n!!! Install it (apt-get install -y chromium) or set CHROMIUM_PATH; under CI=true this fails.\n`,
  );
}

describe.skipIf(!available && !ci)('the inspector page (bothooks listen --ui) in chromium', () => {
  const secret = generateSecret();
  let target: Receiver;
  let listener: RunningListener;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!available)
      throw new Error(`chromium is missing at ${CHROMIUM_PATH}: run apt-get install -y chromium`);
    target = await createReceiver({ secret });
    listener = await startInspectedListen(secret, target.url('/bot-events'));
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await listener?.stop();
    await target?.close();
  });

  const send = (...args: string[]) => runCli(['send', listener.url, '--secret', secret, ...args]);
  const row = (text: string) => page.locator('#rows tr.delivery', { hasText: text });

  it('loads, and shows what was delivered before it opened', async () => {
    expect(listener.inspectorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await send('--platform', 'discord', '--text', 'sent before the page opened')).code).toBe(0);
    page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(listener.inspectorUrl as string);
    await page.locator('#connection[data-state="live"]').waitFor({ timeout: 5000 });
    expect(await page.locator('#listen-url').textContent()).toBe(listener.url);
    expect(await page.locator('#forward-to').textContent()).toBe(target.url('/bot-events'));
    await row('sent before the page opened').waitFor({ timeout: 5000 });
    expect(errors).toEqual([]);
  });

  it('shows a delivery sent while it is open within a second, with its verdict', async () => {
    const run = await send('--platform', 'telegram', '--text', 'live while the page is open');
    expect(run.code).toBe(0);
    const live = row('live while the page is open');
    // The listener has answered when send exits; the page must show it by a second later.
    await live.waitFor({ timeout: 1000 });
    expect(await live.locator('.type').textContent()).toBe('message.received');
    expect(await live.locator('.platform').textContent()).toBe('telegram');
    expect(await live.locator('.verdict').textContent()).toBe('valid');

    const wrong = await runCli([
      'send',
      listener.url,
      '--secret',
      generateSecret(),
      '--text',
      'signed with another key',
    ]);
    // Forwarding relays the target's answer (this one accepts everything); the listener's own verdict stands.
    expect(wrong.code).toBe(0);
    const invalid = row('signed with another key');
    await invalid.waitFor({ timeout: 1000 });
    expect(await invalid.locator('.verdict').textContent()).toBe('invalid');
  });

  it('shows the headers, the pretty-printed body and the verification result in the detail view', async () => {
    await row('live while the page is open').click();
    const body = await page.locator('#detail-body').textContent();
    expect(body).toContain('"text": "live while the page is open"');
    expect(body).toContain('\n  "data": {');
    expect(await page.locator('#detail-title').textContent()).toBe('message.received');
    expect(await page.locator('#detail-signature').textContent()).toBe('valid');
    expect(await page.locator('#detail-headers').textContent()).toContain('webhook-signature');
    expect(await page.locator('#detail-forwards li').first().textContent()).toContain(
      `relayed to ${target.url('/bot-events')}`,
    );
  });

  it('filters by platform and by type', async () => {
    await send('--platform', 'slack', '--type', 'message.sent', '--text', 'an outbound slack message');
    await row('an outbound slack message').waitFor({ timeout: 5000 });
    const visible = () => page.locator('#rows tr.delivery:visible .text').allTextContents();

    await page.locator('#filter-platform').selectOption('discord');
    expect(await visible()).toEqual(['sent before the page opened']);
    await page.locator('#filter-platform').selectOption('');
    await page.locator('#filter-type').selectOption('message.sent');
    expect(await visible()).toEqual(['an outbound slack message']);
    expect(await page.locator('#count').textContent()).toMatch(/^1 of \d+ deliveries$/);
    await page.locator('#filter-type').selectOption('');
    expect((await visible()).length).toBeGreaterThanOrEqual(4);
  });

  it('resends the selected delivery to the forward target, and shows the result', async () => {
    await row('live while the page is open').click();
    const before = target.requests.filter((received) =>
      received.body.includes('live while the page is open'),
    );
    expect(before).toHaveLength(1);
    await page.locator('#resend').click();
    await page.locator('#detail-forwards li', { hasText: 'resent to' }).waitFor({ timeout: 5000 });
    const after = target.requests.filter((received) => received.body.includes('live while the page is open'));
    expect(after).toHaveLength(2);
    expect(after[1]?.rawBody.equals(after[0]?.rawBody as Buffer)).toBe(true);
    expect(after[1]?.headers['webhook-id']).toBe(after[0]?.headers['webhook-id']);
    expect(after[1]?.verified).toBe(true);
  });

  it('shows request data as text, never as markup', async () => {
    const attack = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    expect((await send('--text', attack)).code).toBe(0);
    const hostile = row('<img src=x');
    await hostile.waitFor({ timeout: 5000 });
    await hostile.click();
    expect(await hostile.locator('.text').textContent()).toBe(attack);
    expect(await page.locator('#rows img, #rows b, #detail img, #detail b').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#detail-body').textContent()).toContain(
      '<img src=x onerror=\\"window.__pwned=1\\">',
    );
  });

  it('shows credentials in headers redacted', async () => {
    const url = new URL(listener.url);
    url.username = 'bot';
    url.password = 'hunter2';
    expect((await runCli(['send', url.href, '--secret', secret, '--text', 'with credentials'])).code).toBe(0);
    const withCredentials = row('with credentials');
    await withCredentials.waitFor({ timeout: 5000 });
    await withCredentials.click();
    const headers = await page.locator('#detail-headers').textContent();
    expect(headers).toContain('authorizationBasic [redacted]');
    expect(headers).not.toContain(Buffer.from('bot:hunter2').toString('base64'));
  });

  it('refuses other hosts (DNS rebinding) and resends from other origins', async () => {
    const inspector = new URL(listener.inspectorUrl as string);
    const call = (path: string, method: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port: inspector.port, path, method, headers }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    expect(await call('/', 'GET', { host: `attacker.example:${inspector.port}` })).toBe(421);
    expect(await call('/', 'GET', { host: inspector.host })).toBe(200);
    expect(
      await call('/deliveries/1/resend', 'POST', {
        host: inspector.host,
        origin: 'https://attacker.example',
      }),
    ).toBe(403);
    expect(await call('/deliveries/1/resend', 'POST', { host: inspector.host })).toBe(403);
  });
});
