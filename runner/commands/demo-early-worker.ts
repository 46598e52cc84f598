/**
 * @module The first thing bin/samlspec.js does for `samlspec demo`, before it loads the CLI's bundle: it makes
 * the built-in SP's worker thread (fixtures/sps/profile-sps/sp-worker.ts), whose Node bootstrap and bundle load
 * (~0.1 s of one core each) then run on the other core while this thread loads the CLI's; made after it, the
 * first scenario waited ~0.1 s for the SP (docs/performance.md). demo-early-start.ts takes the worker over.
 * Imports node:worker_threads only (through sp-worker.ts), so that every other command pays nothing for it.
 */
import type { Worker } from 'node:worker_threads';
import { spawnSpWorker } from '../../fixtures/sps/profile-sps/sp-worker.js';

/** Whether the command line (after `samlspec`) runs a demo, rather than asking for its help. */
export function isDemoRun(args: readonly string[]): boolean {
  return args[0] === 'demo' && !args.some((a) => a === '-h' || a === '--help');
}

/** For a demo, the SP's worker on `spThreadMain` (the bundle's sp-thread-main.js), made now; else undefined. */
export function spawnDemoSpWorker(args: readonly string[], spThreadMain: URL): Worker | undefined {
  return isDemoRun(args) ? spawnSpWorker(spThreadMain) : undefined;
}
