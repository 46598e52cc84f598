import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import HeaviestFirstSequencer from './test-support/heaviest-first-sequencer.js';

// Two projects: fast unit tests beside the code, and end-to-end tests that start real servers
// (mock IdP, reference SPs, Apache mod_auth_mellon). Both share one pool with a worker per core: an e2e
// file spends most of its time on one core (harness, mock IdP and SP in one process), so running files
// one at a time left the second core of a 2-core CI machine idle. Every e2e server binds a free port
// and every file writes to its own temporary directory, so files can run side by side.
// vitest's default is one worker less than the cores (1 on 2 cores); the main process is mostly idle.
const WORKERS = Math.max(2, availableParallelism());
// RSA keys generated once, in parallel, for every test file (test-support/prepared-keys-setup.ts).
const PREPARED_KEYS = {
  globalSetup: ['test-support/prepared-keys-setup.ts'],
  setupFiles: ['test-support/use-prepared-keys.ts'],
};
const FUZZ_PROJECT = {
  test: { name: 'fuzz', include: ['test-support/fuzz/**/*.fuzz.ts'], testTimeout: 20 * 60_000 },
};

export default defineConfig({
  test: {
    maxWorkers: WORKERS,
    // The longest e2e files first, so the short ones fill in beside them (test-support/heaviest-first-sequencer.ts).
    sequence: { sequencer: HeaviestFirstSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{mock-idp,scenarios,runner,reports,fixtures,test-support}/**/*.test.ts'],
          exclude: ['**/*.e2e.test.ts', 'node_modules/**', 'dist/**'],
          testTimeout: 20_000,
          ...PREPARED_KEYS,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['**/*.e2e.test.ts'],
          globalSetup: ['test-support/build-once.ts', ...PREPARED_KEYS.globalSetup],
          setupFiles: PREPARED_KEYS.setupFiles,
          exclude: ['node_modules/**', 'dist/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      // `npm run fuzz` only (never part of `npm test`): the long, bounded fuzzer run over the mock IdP.
      ...(process.env.npm_lifecycle_event === 'fuzz' ? [FUZZ_PROJECT] : []),
    ],
  },
});
