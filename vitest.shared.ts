import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { UserWorkspaceConfig } from 'vitest/config';

// Tests run the packages' TypeScript sources (no build needed) through the same
// `@bothooks/source` export condition that tsconfig uses.
const conditions = ['@bothooks/source', 'node', 'import', 'module', 'default'];
// What Vitest hands to Node (as --conditions) for the dependencies it does not transform. Only the source
// condition: `import` or `module` there would make Node's require() pick dual packages' ESM builds (Express 5's
// router then got a namespace object instead of a function; the Agents SDK's @microsoft/agents-telemetry an ESM
// build with top-level await) or a bundler-only `module` build (@opentelemetry/api's has extensionless imports);
// Node adds import/require per statement itself.
const nodeConditions = ['@bothooks/source', 'node', 'development|production'];

/** The settings every package's vitest project shares. */
export function sharedProjectConfig(name: string, configUrl: string): UserWorkspaceConfig {
  const manifestPath = fileURLToPath(new URL('./package.json', configUrl));
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  return {
    define: { __BOTHOOKS_VERSION__: JSON.stringify(manifest.version) },
    resolve: { conditions },
    ssr: { resolve: { conditions: nodeConditions, externalConditions: ['@bothooks/source'] } },
    test: {
      name,
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 20_000,
      hookTimeout: 20_000,
    },
  };
}
