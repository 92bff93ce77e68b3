import { createTsupConfig } from '../../tsup.config.base.ts';

// Two entries, `@bothooks/core` and `@bothooks/core/adapter` (the kit adapters are built from). Splitting puts
// the modules they share in one chunk, in the CommonJS build too, so both entries see the same classes
// (`ConfigError` thrown through the kit is `instanceof` the one users import) and the same registries.
export default createTsupConfig({
  entry: { index: 'src/index.ts', adapter: 'src/adapter/index.ts' },
  splitting: true,
});
