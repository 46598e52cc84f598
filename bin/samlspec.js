#!/usr/bin/env node
// Entry point: the CLI is bundled into dist/cli/ (by `npm run build`, also run by `npm ci` via prepare;
// runner/build/bundle-cli.ts says why) and loaded through V8's code cache (runner/code-cache.ts).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const dist = new URL('../dist/', import.meta.url);
const cli = fileURLToPath(new URL('cli/cli.cjs', dist));
if (!existsSync(cli)) {
  console.error('samlspec: the CLI is not built. Run `npm run build` (or `npm ci`, which builds it) first.');
  process.exit(2);
}
const args = process.argv.slice(2);
// A CLI process lives seconds: V8 optimizes only its hottest functions instead of spending a third of the
// run's CPU compiling code that runs a few hundred times, and the demo keeps its two heaps near their live
// data (runner/v8-tuning.ts says why and how much). Set before the CLI is compiled, so every function it
// defines starts with the larger budget, and so the code cache is the one made under the same flags.
// The helpers that run before the bundle come as one CommonJS file (runner/cli-loader.ts says why).
const { cliV8Flags, loadBundle, spawnDemoSpWorker } = createRequire(import.meta.url)(
  fileURLToPath(new URL('cli/loader.cjs', dist)),
);
for (const flag of cliV8Flags(process.execArgv, args)) setFlagsFromString(flag);
// `samlspec demo`'s built-in SP gets its worker thread now, so the thread boots and loads its own bundle on the
// other core while this one loads the CLI's (runner/commands/demo-early-worker.ts). Nothing is awaited between
// here and startDemoEarly() below, so it is listening before the worker can emit anything.
const spWorker = spawnDemoSpWorker(args, new URL('cli/sp-thread-main.js', dist));
const bundle = loadBundle(cli);
// The cache is made by a run or a demo that finished (it holds what they compiled: nearly all the CLI runs),
// once for each set of V8 flags; a command that ends at once (--help, a usage error) would leave a cache
// holding little more than the start-up's functions.
if (args[0] === 'run' || args[0] === 'demo')
  process.once('exit', (code) => {
    if (code === 0 || code === 1) bundle.saveCodeCache();
  });
// `samlspec demo` needs its built-in SP's thread before its first scenario: launched now, on the worker made
// above, the SP's modules load while the CLI's are evaluated (runner/commands/demo-early-start.ts).
bundle.exports.startDemoEarly(args, spWorker);
await bundle.exports.main(process.argv);
