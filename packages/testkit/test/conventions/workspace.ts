import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The keyword every adapter's package.json carries: how the convention test (and npm search) finds adapters. */
export const ADAPTER_KEYWORD = 'bothooks-adapter';

/**
 * The keyword of a platform package (`@bothooks/platform-telegram`): the pure mapping of one platform, shared by
 * the adapters of its frameworks, with no framework of its own.
 */
export const PLATFORM_KEYWORD = 'bothooks-platform';

export type Json = Record<string, unknown>;

export function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

export function readText(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** Every file under `directory`, as paths relative to it, with `/` separators. */
export function filesUnder(directory: string): string[] {
  if (!existsSync(directory)) return [];
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current)) {
      if (entry === 'node_modules' || entry === 'dist') continue;
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(relative(directory, path).split('\\').join('/'));
    }
  };
  walk(directory);
  return found.sort();
}

/** One package under `packages/`. */
export interface WorkspacePackage {
  /** The folder name, which is the package name's suffix (`telegraf`). */
  folder: string;
  directory: string;
  manifest: Json;
}

export function workspacePackages(): WorkspacePackage[] {
  const packages = join(ROOT, 'packages');
  return readdirSync(packages)
    .filter((folder) => existsSync(join(packages, folder, 'package.json')))
    .map((folder) => ({
      folder,
      directory: join(packages, folder),
      manifest: readJson(join(packages, folder, 'package.json')),
    }));
}

function keywords(manifest: Json): string[] {
  return Array.isArray(manifest.keywords) ? manifest.keywords.map(String) : [];
}

/** Whether a package's sources use the adapter kit. */
export function usesKit(pkg: WorkspacePackage): boolean {
  return filesUnder(join(pkg.directory, 'src')).some((file) =>
    readText(join(pkg.directory, 'src', file)).includes("from '@bothooks/core/adapter'"),
  );
}

/** Whether a package is a platform package (it carries the platform keyword). */
export function isPlatform(pkg: WorkspacePackage): boolean {
  return keywords(pkg.manifest).includes(PLATFORM_KEYWORD);
}

/** The platform packages. */
export function platformPackages(): WorkspacePackage[] {
  return workspacePackages().filter(isPlatform);
}

/** The adapters: packages with the adapter keyword, or whose sources are built on the kit (platforms aside). */
export function adapterPackages(): WorkspacePackage[] {
  return workspacePackages().filter(
    (pkg) =>
      pkg.folder !== 'core' &&
      !isPlatform(pkg) &&
      (keywords(pkg.manifest).includes(ADAPTER_KEYWORD) || usesKit(pkg)),
  );
}

/** The platform packages a package depends on: where an adapter takes its mapping from. */
export function platformsOf(pkg: WorkspacePackage): WorkspacePackage[] {
  const dependencies = Object.keys((pkg.manifest.dependencies as Json | undefined) ?? {});
  return platformPackages().filter((platform) => dependencies.includes(`@bothooks/${platform.folder}`));
}

/** The adapters that take their mapping from `platform`. */
export function dependentsOf(platform: WorkspacePackage): WorkspacePackage[] {
  return adapterPackages().filter((pkg) => platformsOf(pkg).some((used) => used.folder === platform.folder));
}

export { keywords };
