import { defineProject } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.ts';

const shared = sharedProjectConfig('@bothooks/receiver', import.meta.url);

// Vitest hands ssr.resolve.conditions to Node as --conditions, where the shared `import` condition makes
// require() pick the ESM build of dual packages: Express 5's router then gets is-promise's namespace object
// instead of its function. Node needs only the source condition; Vite adds import/require per statement.
export default defineProject({
  ...shared,
  ssr: {
    ...shared.ssr,
    resolve: { ...shared.ssr?.resolve, conditions: ['@bothooks/source', 'node', 'development|production'] },
  },
});
