import { Writable } from 'node:stream';
import { run } from '../../src/index';
import type { Finished } from './cli';

function collector(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      stream.text += chunk.toString('utf8');
      callback();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

/**
 * Runs the CLI's `run()` (what the bin calls) in this process, for the many cases that end before any I/O:
 * usage errors and help. What the bin process adds is tested through the child-process helpers.
 */
export async function runInProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  const stdout = collector();
  const stderr = collector();
  const code = await run(['node', 'bothooks', ...args], { stdout, stderr, env });
  return { code, signal: null, stdout: stdout.text, stderr: stderr.text };
}
