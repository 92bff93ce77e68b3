import { expect, it } from 'vitest';
import { loadScenarios } from '../lib/scenarios';
import { publicPackages } from '../lib/workspace';

// Offline, in `npm test`: a new public package without a scenario fails here first, not only in CI's install test.
it('has a scenario for every public package, with a bot.cjs exactly when it has a world', async () => {
  const packages = publicPackages();
  const { scenarios, failures } = await loadScenarios(packages);
  expect(failures).toEqual([]);
  expect(scenarios.map((scenario) => scenario.subject)).toEqual(packages.map((item) => item.manifest.name));
});
