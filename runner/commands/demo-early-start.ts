/**
 * @module What `samlspec demo` starts before the CLI's modules load: bin/samlspec.js calls startDemoEarly()
 * with the command line and the SP's worker it made before loading the bundle (demo-early-worker.ts). Its
 * built-in SP's thread (fixtures/sps/profile-sps/sp-thread.ts) loads the SP's modules on the other core while
 * this thread loads the CLI's; launched from the demo command instead, the thread's module load came after
 * the CLI's and the first scenario waited for it (docs/performance.md). This module stays light
 * (node:worker_threads and the SP's fixed keys) for the same reason.
 */
import { launchSpThread, type SpThreadLauncher } from '../../fixtures/sps/profile-sps/sp-thread.js';
import type { Worker } from 'node:worker_threads';
import { DEMO_SP_PRIVATE_KEYS } from '../../fixtures/sps/shared/demo-sp-keys.js';
import { isDemoRun } from './demo-early-worker.js';

let earlySpThread: SpThreadLauncher | undefined;

/**
 * Called by bin/samlspec.js with the command line: launches the demo's SP thread if it is a demo run, on
 * `worker` when bin made it already (demo-early-worker.ts). A worker it does not use is ended.
 */
export function startDemoEarly(args: readonly string[], worker?: Worker): void {
  if (!isDemoRun(args) || earlySpThread) {
    void worker?.terminate();
    return;
  }
  earlySpThread = launchDemoSpThread(worker);
}

/**
 * The demo's SP thread: the one startDemoEarly() launched, else a new one. Each call hands out a different
 * thread; the caller closes it.
 */
export function demoSpThread(): SpThreadLauncher {
  const thread = earlySpThread ?? launchDemoSpThread();
  earlySpThread = undefined;
  return thread;
}

/** The SP's keys are fixed test keys (demo-sp-keys.ts), as are the IdP's (demo-keys.ts). */
function launchDemoSpThread(worker?: Worker): SpThreadLauncher {
  return launchSpThread({
    keys: DEMO_SP_PRIVATE_KEYS,
    ...(worker ? { worker } : {}),
    onCrash: (error) => console.error(`samlspec: the built-in SP's thread failed: ${error.message}`),
  });
}
