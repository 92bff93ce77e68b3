import { join } from 'node:path';
import {
  ADAPTER_KEYWORD,
  type Json,
  keywords,
  PLATFORM_KEYWORD,
  platformsOf,
  ROOT,
  readJson,
  readText,
  type WorkspacePackage,
} from './workspace';

const EXPORTS = {
  '.': {
    '@bothooks/source': './src/index.ts',
    import: { types: './dist/index.d.ts', default: './dist/index.js' },
    require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
  },
  './package.json': './package.json',
};

function minimumNode(range: unknown): number[] | undefined {
  const match = typeof range === 'string' ? /^>=\s*(\d+)\.(\d+)\.(\d+)/.exec(range) : null;
  return match ? match.slice(1).map(Number) : undefined;
}

function atLeast(version: number[], floor: number[]): boolean {
  for (let index = 0; index < 3; index += 1) {
    const left = version[index] ?? 0;
    const right = floor[index] ?? 0;
    if (left !== right) return left > right;
  }
  return true;
}

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null ? (value as Json) : {};
}

/** What every published package's package.json shares: name, version, module shape, scripts, core. */
function publishedManifestProblems(pkg: WorkspacePackage): string[] {
  const problems: string[] = [];
  const manifest = pkg.manifest;
  const core = readJson(join(ROOT, 'packages/core/package.json'));
  const root = readJson(join(ROOT, 'package.json'));
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  expect(
    manifest.name === `@bothooks/${pkg.folder}`,
    `name must be @bothooks/${pkg.folder} (the folder's name)`,
  );
  expect(manifest.private !== true, 'it is published: it must not be private');
  expect(
    manifest.version === core.version,
    `version must be core's (${String(core.version)}): versions are fixed`,
  );
  expect(manifest.type === 'module' && manifest.sideEffects === false, 'type: module and sideEffects: false');
  expect(manifest.license === 'MIT', 'license must be MIT');
  const repository = record(manifest.repository);
  expect(
    repository.url === record(core.repository).url && repository.directory === `packages/${pkg.folder}`,
    `repository must be core's url with directory packages/${pkg.folder}`,
  );
  const engines = minimumNode(record(manifest.engines).node);
  const floor = minimumNode(record(root.engines).node) ?? [0, 0, 0];
  expect(
    engines !== undefined && atLeast(engines, floor),
    `engines.node must be ">=x.y.z", at least the root's`,
  );
  expect(
    JSON.stringify(manifest.files) === JSON.stringify(['dist', 'src', '!src/**/*.test.ts']),
    'files must be ["dist", "src", "!src/**/*.test.ts"]',
  );
  expect(
    JSON.stringify(manifest.exports) === JSON.stringify(EXPORTS),
    'exports must have core\'s shape (".", "./package.json")',
  );
  expect(
    manifest.main === './dist/index.cjs' &&
      manifest.module === './dist/index.js' &&
      manifest.types === './dist/index.d.cts',
    'main, module and types must point at dist/index.*',
  );
  const scripts = record(manifest.scripts);
  expect(
    scripts.build === 'tsup' &&
      scripts.typecheck === 'tsc' &&
      scripts['check:package'] === 'publint --strict && attw --pack .',
    'scripts build, typecheck and check:package must be the shared ones',
  );
  expect(record(manifest.publishConfig).access === 'public', 'publishConfig.access must be public');
  const dependencies = record(manifest.dependencies);
  expect(
    dependencies['@bothooks/core'] === `^${String(core.version)}`,
    `@bothooks/core must be a dependency, ^${String(core.version)}`,
  );
  expect(
    !('@bothooks/core' in record(manifest.peerDependencies)),
    '@bothooks/core is a dependency, not a peer',
  );
  expect(!('@bothooks/testkit' in dependencies), '@bothooks/testkit is for tests only (devDependencies)');
  const tsup = readText(join(pkg.directory, 'tsup.config.ts'));
  expect(tsup.includes('createTsupConfig('), 'tsup.config.ts must use createTsupConfig from the base config');
  const vitest = readText(join(pkg.directory, 'vitest.config.ts'));
  expect(
    vitest.includes(`sharedProjectConfig('@bothooks/${pkg.folder}'`),
    'vitest.config.ts must use sharedProjectConfig with the package name',
  );
  return problems;
}

/** An adapter's package.json: the published shape, one framework peer, and its platform packages at core's version. */
export function manifestProblems(pkg: WorkspacePackage): string[] {
  const problems = publishedManifestProblems(pkg);
  const manifest = pkg.manifest;
  const core = readJson(join(ROOT, 'packages/core/package.json'));
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const peers = Object.keys(record(manifest.peerDependencies));
  expect(peers.length === 1 && !peers[0]?.startsWith('@bothooks/'), 'peer on exactly one framework');
  const framework = peers[0] ?? '';
  expect(
    framework in record(manifest.devDependencies),
    `${framework} must also be a devDependency (the version tested)`,
  );
  for (const platform of platformsOf(pkg)) {
    expect(
      record(manifest.dependencies)[`@bothooks/${platform.folder}`] === `^${String(core.version)}`,
      `@bothooks/${platform.folder} must be a dependency, ^${String(core.version)}`,
    );
  }
  expect(keywords(manifest).includes(ADAPTER_KEYWORD), `keywords must include ${ADAPTER_KEYWORD}`);
  expect(keywords(manifest).includes(framework), `keywords must include the framework (${framework})`);
  return problems;
}

/** A platform package's package.json: the published shape, no framework at all, nothing but core. */
export function platformManifestProblems(pkg: WorkspacePackage): string[] {
  const problems = publishedManifestProblems(pkg);
  const manifest = pkg.manifest;
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  expect(
    Object.keys(record(manifest.peerDependencies)).length === 0,
    'a platform package has no peer: it serves every framework of its platform',
  );
  const dependencies = Object.keys(record(manifest.dependencies));
  expect(
    dependencies.every((name) => name === '@bothooks/core'),
    `a platform package depends on @bothooks/core alone (found ${dependencies.join(', ')})`,
  );
  expect(keywords(manifest).includes(PLATFORM_KEYWORD), `keywords must include ${PLATFORM_KEYWORD}`);
  expect(
    !keywords(manifest).includes(ADAPTER_KEYWORD),
    `a platform package is no adapter: no ${ADAPTER_KEYWORD}`,
  );
  return problems;
}
