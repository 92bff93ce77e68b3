import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Failure } from './report';
import type { Scenario } from './scenario';
import type { WorkspacePackage } from './workspace';

export const scenariosDirectory = fileURLToPath(new URL('../scenarios', import.meta.url));

export interface LoadedScenario {
  folder: string;
  subject: string;
  scenario: Scenario;
}

/**
 * Each public package's scenario, `scenarios/<folder>/scenario.ts`. A package without one is a failure: every
 * published package says how it is exercised (see scripts/install-test/README.md).
 */
export async function loadScenarios(
  packages: readonly WorkspacePackage[],
): Promise<{ scenarios: LoadedScenario[]; failures: Failure[] }> {
  const scenarios: LoadedScenario[] = [];
  const failures: Failure[] = [];
  for (const { folder, manifest } of packages) {
    const file = join(scenariosDirectory, folder, 'scenario.ts');
    const fail = (message: string): void => {
      failures.push({ subject: manifest.name, stage: 'scenario', message });
    };
    if (!existsSync(file)) {
      fail(
        `packages/${folder} is public but has no install-test scenario: add scripts/install-test/scenarios/${folder}/scenario.ts (see scripts/install-test/README.md)`,
      );
      continue;
    }
    const { scenario } = (await import(pathToFileURL(file).href)) as { scenario?: Scenario };
    if (!scenario || (!scenario.world && !scenario.commands)) {
      fail(`${file} exports no \`scenario\` with a world or commands`);
      continue;
    }
    const hasBot = existsSync(join(scenariosDirectory, folder, 'bot.cjs'));
    if (Boolean(scenario.world) !== hasBot) {
      fail(
        scenario.world
          ? `scenarios/${folder} has a world but no bot.cjs for the consumers to run`
          : `scenarios/${folder}/bot.cjs exists but the scenario has no world to drive it`,
      );
      continue;
    }
    scenarios.push({ folder, subject: manifest.name, scenario });
  }
  return { scenarios, failures };
}
