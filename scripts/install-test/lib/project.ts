import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CommandResult, run } from './exec';
import { readJson } from './workspace';

const installTestDirectory = fileURLToPath(new URL('..', import.meta.url));

/** A packed public package. */
export interface Tarball {
  name: string;
  version: string;
  /** The package's folder under packages/, which names its scenario. */
  folder: string;
  /** The .tgz file. */
  path: string;
  /** The paths inside it. */
  files: string[];
}

/**
 * Writes a bot project that depends on the tarballs and on the frameworks (exact registry versions), with the
 * consumers and the bots of the scenarios copied in.
 */
export function createProject(
  directory: string,
  tarballs: readonly Tarball[],
  frameworks: Readonly<Record<string, string>>,
  bots: readonly string[],
): void {
  mkdirSync(join(directory, 'bots'), { recursive: true });
  const dependencies: Record<string, string> = { ...frameworks };
  for (const tarball of tarballs) dependencies[tarball.name] = `file:${tarball.path}`;
  writeFileSync(
    join(directory, 'package.json'),
    `${JSON.stringify({ name: 'bothooks-install-test-bot', version: '1.0.0', private: true, dependencies }, null, 2)}\n`,
  );
  cpSync(join(installTestDirectory, 'consumer'), directory, { recursive: true });
  for (const bot of bots) {
    cpSync(join(installTestDirectory, 'scenarios', bot, 'bot.cjs'), join(directory, 'bots', `${bot}.cjs`));
  }
}

/** `npm install` in the project, as a user would run it: registry packages, a fresh resolution, no lockfile. */
export function installProject(directory: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  // --prefer-offline: every version is exact, so npm's cache (warm after the workspace's own install) serves.
  return run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: directory,
    env,
    timeoutMs: 600_000,
  });
}

interface ProjectLockfile {
  packages: Record<string, { version?: string; resolved?: string }>;
}

/**
 * What is wrong with where the project's bothooks packages came from: each must be one of the tarballs, once,
 * at the top of node_modules; none may come from the registry.
 */
export function provenanceProblems(directory: string, tarballs: readonly Tarball[]): string[] {
  const lockfilePath = join(directory, 'package-lock.json');
  if (!existsSync(lockfilePath)) return ['npm wrote no package-lock.json'];
  const { packages } = readJson<ProjectLockfile>(lockfilePath);
  const problems: string[] = [];
  const ours = new Map(tarballs.map((tarball) => [tarball.name, tarball]));
  for (const [location, entry] of Object.entries(packages)) {
    const name = location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const tarball = ours.get(name);
    if (!tarball && !name.startsWith('@bothooks/')) continue;
    if (!tarball) {
      problems.push(
        `${location} was installed from ${entry.resolved ?? 'the registry'}: not a package of this workspace`,
      );
    } else if (location !== `node_modules/${name}`) {
      problems.push(`${location} is a second copy of ${name} (${entry.resolved ?? 'from the registry'})`);
    } else if (!entry.resolved?.startsWith('file:')) {
      problems.push(`${name} was installed from ${entry.resolved ?? 'the registry'}, not from its tarball`);
    }
  }
  for (const name of ours.keys()) {
    if (!packages[`node_modules/${name}`]) problems.push(`${name} is not in node_modules`);
  }
  return problems;
}
