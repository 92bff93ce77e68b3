import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fields of a package.json the install test reads. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  engines?: { node?: string };
  main?: string;
  module?: string;
  types?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optionalDependencies?: Record<string, string>;
}

/** A package of the workspace's `packages/` folder. */
export interface WorkspacePackage {
  /** The folder name, which is also the package's suffix (`telegraf` for `@bothooks/telegraf`). */
  folder: string;
  directory: string;
  manifest: Manifest;
}

export const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));

export function readJson<TValue>(path: string): TValue {
  return JSON.parse(readFileSync(path, 'utf8')) as TValue;
}

/** Every package under `packages/`, private ones included, in folder order. */
export function workspacePackages(root = workspaceRoot): WorkspacePackage[] {
  const packagesDirectory = join(root, 'packages');
  return readdirSync(packagesDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDirectory, entry.name, 'package.json')))
    .map((entry) => entry.name)
    .sort()
    .map((folder) => {
      const directory = join(packagesDirectory, folder);
      return { folder, directory, manifest: readJson<Manifest>(join(directory, 'package.json')) };
    });
}

/** The packages that would be published: every one not marked `"private": true`. */
export function publicPackages(root = workspaceRoot): WorkspacePackage[] {
  return workspacePackages(root).filter((workspacePackage) => workspacePackage.manifest.private !== true);
}

interface Lockfile {
  packages: Record<string, { version?: string; link?: boolean }>;
}

/**
 * The version of a registry package the workspace's package-lock.json installed at the top of node_modules:
 * what the workspace is tested with, and so what the install test installs.
 */
export function lockedVersion(name: string, root = workspaceRoot): string | undefined {
  const lockfile = readJson<Lockfile>(join(root, 'package-lock.json'));
  const entry = lockfile.packages[`node_modules/${name}`];
  return entry && !entry.link ? entry.version : undefined;
}

/**
 * The frameworks a package plugs into: its required peer dependencies that are not workspace packages. An
 * optional peer (`peerDependenciesMeta[name].optional`) is left out, so the test also proves it is optional.
 */
export function requiredPeers(manifest: Manifest, workspaceNames: ReadonlySet<string>): string[] {
  return Object.keys(manifest.peerDependencies ?? {}).filter(
    (name) => !workspaceNames.has(name) && manifest.peerDependenciesMeta?.[name]?.optional !== true,
  );
}
