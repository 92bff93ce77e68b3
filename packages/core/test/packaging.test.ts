import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiver, SECRET } from './helpers';

const coreDirectory = fileURLToPath(new URL('..', import.meta.url));
const consumers = fileURLToPath(new URL('./fixtures/consumers', import.meta.url));
const workspaceModules = join(coreDirectory, '../../node_modules');
let project: string;

/**
 * The thread engine's worker must work wherever the published package runs: an ES module project, a CommonJS
 * project, and a bot bundled into one file (where a worker *file* would no longer exist). This builds and packs
 * core as it would be published, installs the tarball into a project outside the workspace, and runs each.
 */
describe('the packed @bothooks/core with the thread engine', () => {
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'bothooks-packaging-'));
    // Core and the package it depends on, as npm would install them from the registry.
    for (const [name, directory] of [
      ['core', coreDirectory],
      ['receiver', join(coreDirectory, '../receiver')],
    ] as const) {
      execFileSync('npx', ['tsup'], { cwd: directory, stdio: 'ignore' });
      const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', project], {
        cwd: directory,
        encoding: 'utf8',
      }).trim();
      const installed = join(project, `node_modules/@bothooks/${name}`);
      mkdirSync(installed, { recursive: true });
      execFileSync('tar', ['-xzf', join(project, packed), '-C', installed, '--strip-components=1']);
    }
    // Core's one registry dependency, from the copy the workspace installed.
    symlinkSync(join(workspaceModules, 'undici'), join(project, 'node_modules/undici'));
    cpSync(consumers, project, { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-bot', private: true }));
  }, 120_000);

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  async function runBot(file: string, cwd = project) {
    const target = await receiver({ secret: SECRET });
    // Asynchronously: the receiver runs in this process and must answer while the bot runs.
    const { stdout } = await promisify(execFile)(process.execPath, [file], {
      cwd,
      env: { ...process.env, RECEIVER_URL: target.url(), RECEIVER_SECRET: SECRET },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { result: JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}'), target };
  }

  it('ships only what users need', () => {
    const files = execFileSync('find', ['.', '-type', 'f'], {
      cwd: join(project, 'node_modules/@bothooks/core'),
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    for (const entry of ['index', 'engine']) {
      for (const extension of ['js', 'cjs', 'd.ts', 'd.cts']) {
        expect(files).toContain(`./dist/${entry}.${extension}`);
      }
    }
    expect(
      files.filter((file) => /\.test\.|\/test\/|fixtures|tsup\.config|vitest\.config/.test(file)),
    ).toEqual([]);
  });

  it.each(['bot.mjs', 'bot.cjs'])('delivers from an installed %s', async (file) => {
    const { result, target } = await runBot(file);
    expect(result).toEqual({
      engine: 'thread',
      delivered: 50,
      flushed: { settled: true, pending: 0 },
      undelivered: 0,
    });
    expect(target.requests).toHaveLength(50);
    expect(target.requests.every((request) => request.verified)).toBe(true);
  });

  it.each(['esm', 'cjs'] as const)(
    'delivers from a bot bundled into one %s file, with no node_modules beside it',
    async (format) => {
      const bundled = join(project, `bundled-${format}`);
      mkdirSync(bundled);
      const outfile = join(bundled, format === 'esm' ? 'bot.mjs' : 'bot.cjs');
      await build({
        entryPoints: [join(project, format === 'esm' ? 'bot.mjs' : 'bot.cjs')],
        bundle: true,
        platform: 'node',
        format,
        target: 'node20',
        outfile,
        absWorkingDir: project,
        logLevel: 'silent',
        // What every ES module bundle of CommonJS dependencies (undici is one) needs, worker or not: a `require`.
        ...(format === 'esm' && {
          banner: {
            js: "import { createRequire as topLevelCreateRequire } from 'node:module'; const require = topLevelCreateRequire(import.meta.url);",
          },
        }),
      });
      expect(readdirSync(dirname(outfile))).toEqual([outfile.split('/').at(-1)]);
      const { result, target } = await runBot(outfile, bundled);
      expect(result).toMatchObject({ engine: 'thread', delivered: 50, undelivered: 0 });
      expect(target.requests.every((request) => request.verified)).toBe(true);
    },
  );
});
