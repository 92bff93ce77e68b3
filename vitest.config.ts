import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './vitest.summary.ts';

export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts', 'scripts/*/vitest.config.ts'],
    reporters: ['default', new SummaryReporter()],
  },
});
