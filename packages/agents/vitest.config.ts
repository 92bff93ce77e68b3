import { defineProject } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.ts';

const shared = sharedProjectConfig('@bothooks/agents', import.meta.url);
// The shared `import` condition would also resolve the SDK's CommonJS `require()`s, loading the ES module build of
// @microsoft/agents-telemetry (top-level await) where the SDK asks for its CommonJS one.
const conditions = ['@bothooks/source', 'node', 'default'];

export default defineProject({
  ...shared,
  ssr: { resolve: { conditions, externalConditions: ['@bothooks/source'] } },
});
