import { relative } from 'node:path';
import { type CommandResult, commandFailure, run } from './exec';
import type { Tarball } from './project';
import type { WorkspacePackage } from './workspace';

interface PackEntry {
  name: string;
  version: string;
  filename: string;
  files: Array<{ path: string }>;
}

/** `npm pack` of the given workspace packages into `destination`, in one npm run. */
export async function packPackages(
  root: string,
  packages: readonly WorkspacePackage[],
  destination: string,
): Promise<{ tarballs: Tarball[] } | { error: string; result: CommandResult }> {
  const args = ['pack', '--json', '--pack-destination', destination];
  for (const workspacePackage of packages)
    args.push('--workspace', relative(root, workspacePackage.directory));
  const result = await run('npm', args, { cwd: root, env: process.env, timeoutMs: 300_000 });
  const failure = commandFailure(result);
  if (failure) return { error: `npm pack ${failure}`, result };
  let entries: PackEntry[];
  try {
    entries = JSON.parse(result.stdout) as PackEntry[];
  } catch {
    return { error: 'npm pack printed no JSON list of tarballs', result };
  }
  const tarballs: Tarball[] = [];
  for (const workspacePackage of packages) {
    const entry = entries.find((candidate) => candidate.name === workspacePackage.manifest.name);
    if (!entry) return { error: `npm pack made no tarball of ${workspacePackage.manifest.name}`, result };
    tarballs.push({
      name: entry.name,
      version: entry.version,
      folder: workspacePackage.folder,
      path: `${destination}/${entry.filename}`,
      files: entry.files.map((file) => file.path).sort(),
    });
  }
  return { tarballs };
}
