import { defineProject } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.ts';

// The install test's own logic, tested offline in `npm test`; the install test itself is `npm run test:install`
// (see README.md). It is no package, so it has no version to define.
const shared = sharedProjectConfig('install-test', new URL('../../vitest.config.ts', import.meta.url).href);

export default defineProject({ ...shared, define: {} });
