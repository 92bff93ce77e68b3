import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { examplesOf, pickExamples, renderEventsDoc } from './events-doc';
import { generateSchemas } from './schemas';

// `npm run docs:events`: runs the adapters' test projects with the testkit receiver capturing every valid
// event it gets, then renders docs/events.md with one of them per type and platform.

const repository = fileURLToPath(new URL('../../..', import.meta.url));
const page = join(repository, 'docs/events.md');
function capture(projects: string[]): { type: string; data?: { platform?: string } }[] {
  const directory = mkdtempSync(join(tmpdir(), 'bothooks-events-'));
  const file = join(directory, 'events.jsonl');
  writeFileSync(file, '');
  const run = spawnSync('npx', ['vitest', 'run', ...projects.flatMap((project) => ['--project', project])], {
    cwd: repository,
    env: { ...process.env, BOTHOOKS_CAPTURE_EVENTS: file },
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error('the tests failed; docs/events.md is left as it was');
  const events = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  rmSync(directory, { recursive: true });
  return events;
}

// Message events come from the adapters; the Verify ping and JSON API requests (which no adapter test sends
// yet) from core's tests of verify() and request().
const fromAdapters = capture([
  '@bothooks/botbuilder',
  '@bothooks/telegraf',
  '@bothooks/discordjs',
  '@bothooks/slack',
]);
const fromCore = capture(['@bothooks/core']).filter((event) => !event.type.startsWith('message.'));
const events = [...fromAdapters.filter((event) => event.type.startsWith('message.')), ...fromCore];
const previous = (() => {
  try {
    return examplesOf(readFileSync(page, 'utf8'));
  } catch {
    return {};
  }
})();
const examples = { ...previous, ...pickExamples(events) };
writeFileSync(page, renderEventsDoc(generateSchemas(), examples));
process.stdout.write(`wrote ${page} from ${events.length} captured events\n`);
