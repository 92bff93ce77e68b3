import { describe, expect, it } from 'vitest';
import { entryPoints, entryTargets, type TarballFacts, tarballProblems } from '../lib/contents';
import type { Manifest } from '../lib/workspace';

const manifest: Manifest = {
  name: '@bothooks/example',
  version: '0.0.0',
  engines: { node: '>=20.18.1' },
  main: './dist/index.cjs',
  types: './dist/index.d.cts',
  bin: { example: './dist/bin.js' },
  exports: {
    '.': {
      '@bothooks/source': './src/index.ts',
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './engine': {
      '@bothooks/source': './src/engine.ts',
      import: './dist/engine.js',
      require: './dist/engine.cjs',
    },
    './package.json': './package.json',
  },
  dependencies: { '@bothooks/core': '^0.0.0', undici: '^7.16.0' },
};

const built = [
  'dist/bin.js',
  'dist/engine.cjs',
  'dist/engine.js',
  'dist/index.cjs',
  'dist/index.d.cts',
  'dist/index.d.ts',
  'dist/index.js',
];

const clean: TarballFacts = {
  manifest,
  files: ['LICENSE', 'README.md', 'package.json', ...built, 'src/index.ts'],
  readme: 'Node.js 20.18.1 or newer; tested on Node.js 20, 22 and 24.',
  privateNames: new Set(['@bothooks/testkit']),
};

describe('tarballProblems', () => {
  it('finds nothing wrong with a tarball that ships the build, its README, its LICENSE and its sources', () => {
    expect(tarballProblems(clean)).toEqual([]);
  });

  it('names every test, fixture, build config and development script that would ship', () => {
    const files = [
      ...clean.files,
      'src/index.test.ts',
      'test/attach.test.ts',
      'src/mapping/fixtures/update.json',
      'tsup.config.ts',
      'vitest.config.ts',
      'tsconfig.json',
      'scripts/screenshot.ts',
      '.turbo/turbo-build.log',
    ];
    expect(tarballProblems({ ...clean, files })).toEqual([
      'ships src/index.test.ts, a test: users never need it',
      'ships test/attach.test.ts, a test: users never need it',
      'ships src/mapping/fixtures/update.json, a test fixture: users never need it',
      'ships tsup.config.ts, a build or tool config: users never need it',
      'ships vitest.config.ts, a build or tool config: users never need it',
      'ships tsconfig.json, a build or tool config: users never need it',
      'ships scripts/screenshot.ts, a development script: users never need it',
      'ships .turbo/turbo-build.log, a workspace leftover: users never need it',
    ]);
  });

  it('names each file package.json points at that the tarball lacks, but not the source-only condition', () => {
    const files = clean.files.filter(
      (file) => !['dist/engine.cjs', 'dist/bin.js', 'src/index.ts'].includes(file),
    );
    expect(tarballProblems({ ...clean, files })).toEqual([
      'package.json points at dist/bin.js, which the tarball lacks',
      'package.json points at dist/engine.cjs, which the tarball lacks',
    ]);
  });

  it('wants the README and the LICENSE', () => {
    const files = clean.files.filter((file) => file !== 'README.md' && file !== 'LICENSE');
    expect(tarballProblems({ ...clean, files, readme: undefined })).toEqual([
      'does not ship README.md',
      'does not ship a LICENSE',
      'README.md does not state the supported Node.js range (engines.node ">=20.18.1")',
    ]);
  });

  it('refuses dependencies that only resolve inside the workspace', () => {
    const problems = tarballProblems({
      ...clean,
      manifest: {
        ...manifest,
        dependencies: { '@bothooks/testkit': '0.0.0', '@bothooks/core': 'workspace:*' },
        peerDependencies: { '@bothooks/testkit': '*', telegraf: '^4.15.0' },
      },
    });
    expect(problems).toEqual([
      'dependencies names @bothooks/testkit, a private workspace package that is never published',
      'dependencies names @bothooks/core as "workspace:*", which only resolves inside the workspace',
      'peerDependencies names @bothooks/testkit, a private workspace package that is never published',
    ]);
  });

  it('wants engines.node, stated in the README too', () => {
    expect(tarballProblems({ ...clean, manifest: { ...manifest, engines: {} } })).toEqual([
      'package.json has no engines.node: state the supported Node.js range',
    ]);
    expect(tarballProblems({ ...clean, readme: 'Runs on Node.js.' })).toEqual([
      'README.md does not state the supported Node.js range (engines.node ">=20.18.1")',
    ]);
    expect(tarballProblems({ ...clean, manifest: { ...manifest, engines: { node: 'twenty' } } })).toEqual([
      'engines.node "twenty" is not a valid range',
    ]);
  });
});

describe('the entry points of a manifest', () => {
  it('are every file it points at, for any condition but the source-only one', () => {
    expect(entryTargets(manifest)).toEqual([...built, 'package.json']);
  });

  it('are the subpaths a consumer can load, JSON left out', () => {
    expect(entryPoints(manifest)).toEqual(['@bothooks/example', '@bothooks/example/engine']);
    expect(entryPoints({ name: 'plain', version: '1.0.0' })).toEqual(['plain']);
    expect(entryPoints({ name: 'sugar', version: '1.0.0', exports: { import: './a.js' } })).toEqual([
      'sugar',
    ]);
  });
});
