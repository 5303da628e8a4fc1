import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['spec/**/*.spec.ts'],
    reporters: ['default', './spec/support/claims-reporter.ts'],
    setupFiles: ['spec/support/no-leaks.ts'],
    // Specs import our modules as Node itself does (type stripping), like the children and workers they start.
    experimental: { viteModuleRunner: false },
    // A property runs real processes many times over; the bound is for a hang, not for a slow machine.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    teardownTimeout: 10_000,
  },
});
