import { expect, it } from 'vitest';
import type { CommandResult } from '../lib/exec';
import { formatFailures } from '../lib/report';

it('prints each failed run once: Node version, consumer, the packages with their problems, the command, its output', () => {
  const result: CommandResult = {
    command: '/cache/24.0.0/bin/node --import ./track-loads.mjs consumer.mjs',
    cwd: '/tmp/project',
    exitCode: 1,
    signal: null,
    timedOut: false,
    stdout: '',
    stderr: 'TypeError: Telegraf is not a constructor\n    at start (bots/telegraf.cjs:11:15)\n',
    durationMs: 2_345,
  };
  const where = { node: '24.0.0', stage: 'ES module consumer', result };
  const text = formatFailures([
    { ...where, subject: '@bothooks/telegraf', message: 'its bot failed' },
    { ...where, subject: '@bothooks/telegraf', message: 'no message.sent webhook arrived' },
    { ...where, subject: 'all packages', message: 'the consumer exited with 1' },
    { subject: '@bothooks/cli', stage: 'tarball contents', message: 'ships test/cli.test.ts, a test' },
  ]);
  expect(text).toBe(
    [
      '✗ Node 24.0.0 · ES module consumer',
      '  @bothooks/telegraf:',
      '    - its bot failed',
      '    - no message.sent webhook arrived',
      '  all packages:',
      '    - the consumer exited with 1',
      '  command: (cd /tmp/project && /cache/24.0.0/bin/node --import ./track-loads.mjs consumer.mjs)',
      '  exit code 1 after 2.3 s',
      '  stderr:',
      '  | TypeError: Telegraf is not a constructor',
      '  |     at start (bots/telegraf.cjs:11:15)',
      '',
      '✗ tarball contents',
      '  @bothooks/cli:',
      '    - ships test/cli.test.ts, a test',
    ].join('\n'),
  );
});
