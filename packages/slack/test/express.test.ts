import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));

it('sees the deliveries of the ExpressReceiver, ack(body) included', async () => {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--conditions=@bothooks/source', 'packages/slack/test/express-app.ts'],
    { cwd: root, timeout: 30_000 },
  );
  expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')).toEqual({
    statuses: [200, 200],
    events: [
      { summary: 'message.received via express', verified: true },
      { summary: 'message.sent echo: via express', verified: true },
      { summary: 'message.received /status', verified: true },
      { summary: 'message.sent All good', verified: true },
    ],
  });
}, 30_000);
