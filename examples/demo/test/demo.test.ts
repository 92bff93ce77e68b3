import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { DEMO_BOTS } from '../src/bots/index';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));

// The README's first command: the demo must run end to end on its embedded defaults, offline.
it('runs the demo: every message of every bot arrives signed and verified, nothing lost', async () => {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--conditions=@bothooks/source', 'examples/demo/src/main.ts'],
    { cwd: root, timeout: 60_000 },
  );
  for (const title of [
    'Telegraf bot',
    'grammY bot',
    'Bot Framework bot',
    'Agents SDK agent',
    'discord.js bot',
    'Slack Bolt app',
  ])
    expect(stdout).toContain(title);
  for (const type of ['message.received', 'message.sent', 'message.edited', 'message.deleted']) {
    expect(stdout).toContain(type);
  }
  expect(stdout).toContain('(interaction "order" endpoint)');
  expect(stdout).toContain('retried after a 503');
  // The JSON API, rendered by each real bot: the endpoint's reply comes back as the bot's own sends.
  expect(stdout.match(/message\.sent .*your order #42 has shipped\./g)).toHaveLength(DEMO_BOTS.length);
  expect(stdout.match(/message\.sent .*Order #42/g)).toHaveLength(DEMO_BOTS.length);
  // Each bot says the retry text once, and its first delivery is answered 503.
  expect(stdout).toMatch(
    new RegExp(
      `\\d+ delivered \\(${DEMO_BOTS.length} after a retry\\), 0 failed, 0 dropped, 0 undelivered at close; \\d+ requests verified, 0 refused\\.`,
    ),
  );
}, 60_000);
