/**
 * @module What bin/samlspec.js needs before it loads the CLI's bundle, as one small CommonJS file
 * (dist/cli/loader.cjs, runner/build/bundle-cli.ts): the V8 flags to set first, the code-cache loader, and
 * the demo's early SP thread. Three ES modules imported one by one cost the ES module loader's resolution,
 * reads and links, and the node:fs/promises machinery behind them (~45 ms of CPU at every start, measured);
 * one require() of a CommonJS file does not.
 */
export { cliV8Flags } from './v8-tuning.js';
export { loadBundle } from './code-cache.js';
export { spawnDemoSpWorker } from './commands/demo-early-worker.js';
