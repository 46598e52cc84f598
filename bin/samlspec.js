#!/usr/bin/env node
// Entry point: the CLI is bundled into dist/cli/ (by `npm run build`, also run by `npm ci` via prepare;
// runner/build/bundle-cli.ts says why).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const cli = fileURLToPath(new URL('../dist/cli/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('samlspec: the CLI is not built. Run `npm run build` (or `npm ci`, which builds it) first.');
  process.exit(2);
}
// A CLI process lives seconds: V8 optimizes only its hottest functions instead of spending a third of the
// run's CPU compiling code that runs a few hundred times, and the demo keeps its two heaps near their live
// data (runner/v8-tuning.ts says why and how much). Set before the CLI's modules load, so every function they
// define starts with the larger budget.
const { cliV8Flags } = await import(fileURLToPath(new URL('../dist/cli/v8-tuning.js', import.meta.url)));
for (const flag of cliV8Flags(process.execArgv, process.argv.slice(2))) setFlagsFromString(flag);
// `samlspec demo` needs an RSA key and its built-in SP's thread before its first scenario: started now, they are
// made and loaded while the CLI's modules load instead of after (runner/commands/demo-early-start.ts; its bundle
// entry is small and loads nothing else).
const demoEarlyStart = fileURLToPath(new URL('../dist/cli/demo-early-start.js', import.meta.url));
(await import(demoEarlyStart)).startDemoEarly(process.argv.slice(2));
await import(cli);
