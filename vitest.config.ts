import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests beside the code, and end-to-end tests that start real servers
// (mock IdP, reference SPs, Apache mod_auth_mellon) and so run one file at a time.
const FUZZ_PROJECT = {
  test: { name: 'fuzz', include: ['test-support/fuzz/**/*.fuzz.ts'], testTimeout: 20 * 60_000 },
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{mock-idp,scenarios,runner,reports,fixtures,test-support}/**/*.test.ts'],
          exclude: ['**/*.e2e.test.ts', 'node_modules/**', 'dist/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['**/*.e2e.test.ts'],
          globalSetup: ['test-support/build-once.ts'],
          exclude: ['node_modules/**', 'dist/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      // `npm run fuzz` only (never part of `npm test`): the long, bounded fuzzer run over the mock IdP.
      ...(process.env.npm_lifecycle_event === 'fuzz' ? [FUZZ_PROJECT] : []),
    ],
  },
});
