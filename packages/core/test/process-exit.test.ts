import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeEachEngine, receiver } from './helpers';

const child = fileURLToPath(new URL('./fixtures/exit-child.ts', import.meta.url));

/** Runs the finished-bot script; resolves with its output once it exits, or rejects if it is still up after 15 s. */
function run(engine: string, url: string, mode: 'flush' | 'no-flush'): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@bothooks/source', child, engine, url, mode],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    started.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => {
      started.kill('SIGKILL');
      reject(new Error(`the process did not exit by itself; it printed: ${output}`));
    }, 15_000);
    started.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`exited with ${code}: ${output}`));
    });
  });
}

describeEachEngine('a finished bot process', (engine) => {
  it('exits by itself after its deliveries, without close()', async () => {
    const target = await receiver({});
    const output = await run(engine, target.url(), 'flush');
    expect(output.match(/delivered/g)).toHaveLength(5);
    expect(target.requests).toHaveLength(5);
  }, 20_000);

  it('exits by itself while retries are pending: a retry timer never keeps it alive', async () => {
    const target = await receiver({ defaultBehaviour: { status: 500 } });
    // No flush: the attempts in flight keep the process up until answered, the retries due in a minute do not.
    const output = await run(engine, target.url(), 'no-flush');
    expect(output.match(/retrying/g)).toHaveLength(5);
    expect(target.requests).toHaveLength(5);
  }, 20_000);
});
