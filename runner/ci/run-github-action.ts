/**
 * @module Entry point of the GitHub Action's step (action.yml runs `node dist/runner/ci/run-github-action.js`):
 * runs the samlspec beside it — this package's own bin/samlspec.js, whatever is installed in the
 * workspace — and exits with the step's status (github-action.ts decides it).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../errors.js';
import { runAction } from './github-action.js';

// dist/runner/ci/ → the package root.
const CLI = fileURLToPath(new URL('../../../bin/samlspec.js', import.meta.url));

function runSamlspec(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'inherit' });
    child.once('error', (error) => {
      console.error(`samlspec action: could not start samlspec: ${error.message}`);
      resolve(EXIT.harness);
    });
    // Killed by a signal (the job was cancelled): not a judgement, so as unjudged as exit 2.
    child.once('exit', (code) => resolve(code ?? EXIT.harness));
  });
}

process.exitCode = await runAction({
  runSamlspec,
  env: process.env,
  cwd: process.cwd(),
  log: (line) => console.log(line),
});
