import semver from 'semver';
import type { Manifest } from './workspace';

/** The source-only export condition: the workspace resolves packages to their TypeScript through it. */
export const SOURCE_CONDITION = '@bothooks/source';

/** Files no user needs, by why they do not belong in a tarball. */
const UNWANTED: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /(^|\/)(test|tests|__tests__|spec)\//, what: 'a test' },
  { pattern: /\.(test|spec|bench)\.[cm]?[jt]sx?$/, what: 'a test' },
  { pattern: /(^|\/)(fixtures|__fixtures__|__mocks__)\//, what: 'a test fixture' },
  {
    pattern:
      /(^|\/)(tsup|tsdown|vitest|vite|jest|rollup|webpack|esbuild|eslint|prettier|babel|playwright)\.config\.[cm]?[jt]s$/,
    what: 'a build or tool config',
  },
  { pattern: /(^|\/)tsconfig(\.[\w-]+)?\.json$/, what: 'a build or tool config' },
  { pattern: /(^|\/)(biome|turbo)\.jsonc?$/, what: 'a build or tool config' },
  { pattern: /\.tsbuildinfo$/, what: 'a build or tool config' },
  { pattern: /(^|\/)\.(eslintrc|prettierrc|babelrc|npmrc|env)/, what: 'a build or tool config' },
  { pattern: /(^|\/)scripts\//, what: 'a development script' },
  { pattern: /(^|\/)(node_modules|\.turbo|coverage|\.changeset)\//, what: 'a workspace leftover' },
];

/** Every file a manifest points at (main, module, types, bin, exports), except the source-only condition's. */
export function entryTargets(manifest: Manifest): string[] {
  const targets = new Set<string>();
  const add = (target: unknown): void => {
    if (typeof target === 'string') targets.add(target.replace(/^\.\//, ''));
  };
  const walk = (node: unknown): void => {
    if (typeof node === 'string') add(node);
    else if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) if (key !== SOURCE_CONDITION) walk(value);
    }
  };
  add(manifest.main);
  add(manifest.module);
  add(manifest.types);
  if (typeof manifest.bin === 'string') add(manifest.bin);
  else for (const target of Object.values(manifest.bin ?? {})) add(target);
  walk(manifest.exports);
  return [...targets].sort();
}

/** The subpaths a consumer can import (`@bothooks/core`, `@bothooks/core/engine`), JSON ones left out. */
export function entryPoints(manifest: Manifest): string[] {
  const exportsField = manifest.exports;
  if (exportsField === undefined) return [manifest.name];
  const subpaths =
    typeof exportsField === 'object' && exportsField !== null && !Array.isArray(exportsField)
      ? Object.keys(exportsField).some((key) => key.startsWith('.'))
        ? Object.keys(exportsField)
        : ['.']
      : ['.'];
  return subpaths
    .filter((subpath) => !subpath.includes('*') && !subpath.endsWith('.json'))
    .map((subpath) => (subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`));
}

function matches(pattern: string, files: ReadonlySet<string>): boolean {
  if (!pattern.includes('*')) return files.has(pattern);
  const [before, after] = pattern.split('*') as [string, string];
  return [...files].some((file) => file.startsWith(before) && file.endsWith(after));
}

export interface TarballFacts {
  manifest: Manifest;
  /** The paths inside the tarball, as `npm pack --json` lists them (`dist/index.js`). */
  files: readonly string[];
  /** The README's text. */
  readme: string | undefined;
  /** The names of the workspace's private packages (`@bothooks/testkit`). */
  privateNames: ReadonlySet<string>;
}

/** What is wrong with a tarball's content and manifest; empty when nothing is. */
export function tarballProblems(facts: TarballFacts): string[] {
  const { manifest } = facts;
  const files = new Set(facts.files);
  const problems: string[] = [];

  for (const file of facts.files) {
    const unwanted = UNWANTED.find((rule) => rule.pattern.test(file));
    if (unwanted) problems.push(`ships ${file}, ${unwanted.what}: users never need it`);
  }
  for (const required of ['package.json', 'README.md']) {
    if (!files.has(required)) problems.push(`does not ship ${required}`);
  }
  if (!facts.files.some((file) => /^licen[cs]e(\.\w+)?$/i.test(file)))
    problems.push('does not ship a LICENSE');
  for (const target of entryTargets(manifest)) {
    if (!matches(target, files)) problems.push(`package.json points at ${target}, which the tarball lacks`);
  }

  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (facts.privateNames.has(name)) {
        problems.push(`${field} names ${name}, a private workspace package that is never published`);
      } else if (/^(workspace|file|link|portal):/.test(range)) {
        problems.push(`${field} names ${name} as "${range}", which only resolves inside the workspace`);
      }
    }
  }

  const nodeRange = manifest.engines?.node;
  if (!nodeRange) {
    problems.push('package.json has no engines.node: state the supported Node.js range');
  } else {
    if (!semver.validRange(nodeRange)) problems.push(`engines.node "${nodeRange}" is not a valid range`);
    for (const version of nodeRange.match(/\d+\.\d+\.\d+/g) ?? []) {
      if (!facts.readme?.includes(version)) {
        problems.push(`README.md does not state the supported Node.js range (engines.node "${nodeRange}")`);
        break;
      }
    }
  }
  return problems;
}
