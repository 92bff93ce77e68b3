// Takes docs/inspector.png, the README's picture of the inspector: a real `bothooks listen --ui` with a few
// deliveries from the real `bothooks send`, in Debian's chromium. Run with `npm run screenshot -w @bothooks/cli`.
import { fileURLToPath } from 'node:url';
import { generateSecret } from '@bothooks/core';
import { createReceiver } from '@bothooks/testkit';
import { launchChromium } from '../test/helpers/browser';
import { runCli, startInspectedListen } from '../test/helpers/cli';

const output = fileURLToPath(new URL('../docs/inspector.png', import.meta.url));
const secret = generateSecret();
const target = await createReceiver({ secret });
const listener = await startInspectedListen(secret, target.url('/bot-events'));
const browser = await launchChromium({ width: 1360, height: 760 });
try {
  const sends: string[][] = [
    ['--platform', 'telegram', '--type', 'message.received'],
    ['--platform', 'telegram', '--type', 'message.sent'],
    ['--platform', 'discord', '--type', 'message.edited'],
    ['--platform', 'botframework', '--type', 'jsonapi.request'],
    ['--platform', 'slack', '--type', 'message.deleted'],
    ['--platform', 'discord', '--type', 'message.failed'],
  ];
  for (const args of sends) await runCli(['send', `${listener.url}/bot-events`, '--secret', secret, ...args]);
  await runCli([
    'send',
    `${listener.url}/bot-events`,
    '--secret',
    generateSecret(),
    '--text',
    'Signed with an old secret',
  ]);
  await runCli(['verify', `${listener.url}/bot-events`, '--secret', secret]);

  const page = await browser.context.newPage();
  await page.goto(listener.inspectorUrl as string);
  await page.locator('#connection[data-state="live"]').waitFor();
  const chosen = page.locator('#rows tr.delivery', { hasText: 'Hi! Where is my order #42?' });
  await chosen.waitFor();
  await chosen.click();
  await page.screenshot({ path: output });
  process.stdout.write(`wrote ${output}\n`);
} finally {
  await browser.close();
  await listener.stop();
  await target.close();
}
