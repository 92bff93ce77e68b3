import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registryDependencies } from '../lib/frameworks';
import { createProject, provenanceProblems, type Tarball } from '../lib/project';
import type { Manifest } from '../lib/workspace';

const scratch: string[] = [];
afterEach(() => {
  for (const directory of scratch.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function project(): string {
  const directory = mkdtempSync(join(tmpdir(), 'bothooks-project-test-'));
  scratch.push(directory);
  return directory;
}

const tarballs: Tarball[] = ['core', 'telegraf'].map((folder) => ({
  name: `@bothooks/${folder}`,
  version: '0.0.0',
  folder,
  path: `/tmp/tarballs/bothooks-${folder}-0.0.0.tgz`,
  files: [],
}));

function lockfile(directory: string, packages: Record<string, { resolved?: string }>): void {
  writeFileSync(join(directory, 'package-lock.json'), JSON.stringify({ packages }));
}

describe('createProject', () => {
  it('depends on the tarballs and the frameworks, and carries the consumers and the bots', () => {
    const directory = project();
    createProject(directory, tarballs, { telegraf: '4.16.3' }, ['telegraf']);
    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
    expect(manifest.dependencies).toEqual({
      telegraf: '4.16.3',
      '@bothooks/core': 'file:/tmp/tarballs/bothooks-core-0.0.0.tgz',
      '@bothooks/telegraf': 'file:/tmp/tarballs/bothooks-telegraf-0.0.0.tgz',
    });
    for (const file of [
      'consumer.cjs',
      'consumer.mjs',
      'driver.cjs',
      'track-loads.mjs',
      'bots/telegraf.cjs',
    ]) {
      expect(readFileSync(join(directory, file), 'utf8')).not.toBe('');
    }
  });
});

describe('provenanceProblems', () => {
  it('passes when each bothooks package came once from its tarball', () => {
    const directory = project();
    lockfile(directory, {
      '': {},
      'node_modules/@bothooks/core': { resolved: 'file:../tarballs/bothooks-core-0.0.0.tgz' },
      'node_modules/@bothooks/telegraf': { resolved: 'file:../tarballs/bothooks-telegraf-0.0.0.tgz' },
      'node_modules/telegraf': { resolved: 'https://registry.npmjs.org/telegraf/-/telegraf-4.16.3.tgz' },
    });
    expect(provenanceProblems(directory, tarballs)).toEqual([]);
  });

  it('catches a package from the registry, a second copy, and a stranger in the scope', () => {
    const directory = project();
    lockfile(directory, {
      'node_modules/@bothooks/core': {
        resolved: 'https://registry.npmjs.org/@bothooks/core/-/core-0.0.0.tgz',
      },
      'node_modules/@bothooks/telegraf/node_modules/@bothooks/core': {},
      'node_modules/@bothooks/testkit': {
        resolved: 'https://registry.npmjs.org/@bothooks/testkit/-/testkit-1.0.0.tgz',
      },
    });
    expect(provenanceProblems(directory, tarballs)).toEqual([
      '@bothooks/core was installed from https://registry.npmjs.org/@bothooks/core/-/core-0.0.0.tgz, not from its tarball',
      'node_modules/@bothooks/telegraf/node_modules/@bothooks/core is a second copy of @bothooks/core (from the registry)',
      'node_modules/@bothooks/testkit was installed from https://registry.npmjs.org/@bothooks/testkit/-/testkit-1.0.0.tgz: not a package of this workspace',
      '@bothooks/telegraf is not in node_modules',
    ]);
  });
});

describe('registryDependencies', () => {
  const workspace = (name: string, manifest: Partial<Manifest> = {}) => ({
    folder: name.split('/')[1] ?? name,
    directory: `/repo/packages/${name}`,
    manifest: { name, version: '0.0.0', ...manifest },
  });
  const locked: Record<string, string> = {
    telegraf: '4.16.3',
    express: '5.1.0',
    '@opentelemetry/api': '1.9.0',
  };

  it("installs each package's required peers and its scenario's extras at the lockfile's versions", () => {
    const published = [
      workspace('@bothooks/core', {
        peerDependencies: { '@opentelemetry/api': '^1.9.0' },
        peerDependenciesMeta: { '@opentelemetry/api': { optional: true } },
      }),
      workspace('@bothooks/telegraf', { peerDependencies: { telegraf: '^4.15.0', '@bothooks/core': '*' } }),
    ];
    const scenarios = [
      { folder: 'telegraf', subject: '@bothooks/telegraf', scenario: { install: ['express'] } },
    ];
    const names = new Set(['@bothooks/core', '@bothooks/telegraf']);
    expect(registryDependencies(published, scenarios, names, (name) => locked[name])).toEqual({
      dependencies: { telegraf: '4.16.3', express: '5.1.0' },
      failures: [],
    });
  });

  it('fails for a framework the workspace does not install', () => {
    const published = [workspace('@bothooks/grammy', { peerDependencies: { grammy: '^1.46.0' } })];
    expect(registryDependencies(published, [], new Set(), (name) => locked[name]).failures).toEqual([
      {
        subject: '@bothooks/grammy',
        stage: 'frameworks',
        message:
          "its peer dependency grammy, which is not in the workspace's package-lock.json: add it to devDependencies",
      },
    ]);
  });
});
