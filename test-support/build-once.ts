/**
 * @module vitest globalSetup for end-to-end tests: compiles the CLI into dist/ once, so tests that spawn
 * `bin/samlspec.js` run the code under test rather than a stale build.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
    timeout: 120_000,
  });
}
