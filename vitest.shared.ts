import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { UserWorkspaceConfig } from 'vitest/config';

// Tests run the packages' TypeScript sources (no build needed) through the same
// `@bothooks/source` export condition that tsconfig uses.
const conditions = ['@bothooks/source', 'node', 'import', 'module', 'default'];
// Tests run on the server side, where vitest resolves dependencies' own `require()`s with these too: `import` there
// would load a dual package's ES module build where its CommonJS caller asked for the CommonJS one (the Agents
// SDK's @microsoft/agents-telemetry, whose ES module build has top-level await, then fails to load).
const serverConditions = ['@bothooks/source', 'node', 'default'];

/** The settings every package's vitest project shares. */
export function sharedProjectConfig(name: string, configUrl: string): UserWorkspaceConfig {
  const manifestPath = fileURLToPath(new URL('./package.json', configUrl));
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  return {
    define: { __BOTHOOKS_VERSION__: JSON.stringify(manifest.version) },
    resolve: { conditions },
    ssr: { resolve: { conditions: serverConditions, externalConditions: ['@bothooks/source'] } },
    test: {
      name,
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 20_000,
      hookTimeout: 20_000,
    },
  };
}
