import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Manifest, readJson, workspacePackages, workspaceRoot } from '../lib/workspace';

// `changeset version` in a throwaway copy of the workspace's manifests and pending changesets: what a release
// would write, without touching the repository.
let copy: string;
let output: string;
const packages = workspacePackages();
const published = packages.filter((item) => item.manifest.private !== true);
const pending = readdirSync(join(workspaceRoot, '.changeset')).filter(
  (file) => file.endsWith('.md') && file !== 'README.md',
);

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), 'bothooks-changesets-'));
  cpSync(join(workspaceRoot, 'package.json'), join(copy, 'package.json'));
  cpSync(join(workspaceRoot, '.changeset'), join(copy, '.changeset'), { recursive: true });
  for (const folder of ['packages', 'examples']) {
    for (const entry of readdirSync(join(workspaceRoot, folder))) {
      const manifest = join(workspaceRoot, folder, entry, 'package.json');
      if (!existsSync(manifest)) continue;
      mkdirSync(join(copy, folder, entry), { recursive: true });
      cpSync(manifest, join(copy, folder, entry, 'package.json'));
      const changelog = join(workspaceRoot, folder, entry, 'CHANGELOG.md');
      if (existsSync(changelog)) cpSync(changelog, join(copy, folder, entry, 'CHANGELOG.md'));
    }
  }
  const bin = join(workspaceRoot, 'node_modules/@changesets/cli/bin.js');
  const result = await promisify(execFile)(process.execPath, [bin, 'version'], {
    cwd: copy,
    encoding: 'utf8',
  });
  output = result.stdout + result.stderr;
}, 60_000);

afterAll(() => rmSync(copy, { recursive: true, force: true }));

it('writes a CHANGELOG for every published package, all at one version, and leaves private ones alone', () => {
  expect(output).not.toMatch(/error/i);
  const versions = new Set<string>();
  for (const { folder, manifest } of published) {
    const changelog = join(copy, 'packages', folder, 'CHANGELOG.md');
    expect(existsSync(changelog), `${manifest.name} gets a CHANGELOG.md`).toBe(true);
    const bumped = readJson<Manifest>(join(copy, 'packages', folder, 'package.json')).version;
    versions.add(bumped);
    expect(readFileSync(changelog, 'utf8')).toContain(`## ${bumped}`);
    if (pending.length > 0) expect(bumped, `${manifest.name} is released`).not.toBe(manifest.version);
  }
  // One fixed release group: every published package has the same version.
  expect([...versions]).toHaveLength(1);
  for (const { folder, manifest } of packages.filter((item) => item.manifest.private === true)) {
    expect(existsSync(join(copy, 'packages', folder, 'CHANGELOG.md'))).toBe(false);
    expect(readJson<Manifest>(join(copy, 'packages', folder, 'package.json')).version).toBe(manifest.version);
  }
});
