import type { Failure } from './report';
import type { LoadedScenario } from './scenarios';
import { requiredPeers, type WorkspacePackage } from './workspace';

/**
 * The registry packages the consumer project installs, at the versions the workspace is tested with: each
 * public package's required peer dependencies (its frameworks), and whatever its scenario adds (`install`).
 */
export function registryDependencies(
  published: readonly WorkspacePackage[],
  scenarios: readonly LoadedScenario[],
  workspaceNames: ReadonlySet<string>,
  lockedVersion: (name: string) => string | undefined,
): { dependencies: Record<string, string>; failures: Failure[] } {
  const dependencies: Record<string, string> = {};
  const failures: Failure[] = [];
  for (const { manifest } of published) {
    const scenario = scenarios.find((item) => item.subject === manifest.name)?.scenario;
    const wanted = [
      ...requiredPeers(manifest, workspaceNames).map((name) => ({ name, why: 'its peer dependency' })),
      ...(scenario?.install ?? []).map((name) => ({ name, why: 'its scenario needs' })),
    ];
    for (const { name, why } of wanted) {
      const version = lockedVersion(name);
      if (version) dependencies[name] = version;
      else {
        failures.push({
          subject: manifest.name,
          stage: 'frameworks',
          message: `${why} ${name}, which is not in the workspace's package-lock.json: add it to devDependencies`,
        });
      }
    }
  }
  return { dependencies, failures };
}
