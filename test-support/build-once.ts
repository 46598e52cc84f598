/**
 * @module vitest globalSetup for end-to-end tests: compiles the CLI into dist/ and bundles it once, so tests
 * that spawn `bin/samlspec.js` run the code under test rather than a stale build (`npm run build`'s two
 * steps, without npm in between).
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
    timeout: 120_000,
  });
  execFileSync(process.execPath, ['dist/runner/build/bundle-cli.js'], { stdio: 'inherit', timeout: 120_000 });
}
