/**
 * @module The RSA keys `samlspec demo` needs, asked for as early as possible. The in-memory tenant and the fixture
 * SP need three keys before the first scenario, the second tenant and the attacker two more soon after (their
 * first scenarios make them on first use, runner/engine/scenario-idp.ts), all made in parallel on libuv's pool
 * (~150 ms of one core each). The entry script starts them before the CLI's modules load, so the two overlap
 * instead of one waiting on the other. This module stays light (node:crypto only) for that reason.
 */
import { keysReadyOrPending, prepareKeysInBackground } from '../../mock-idp/keys/prepared-keys.js';

/**
 * Keys a demo makes from the start (the tenant, the SP's two, the second tenant, the attacker), how many of
 * them its first scenario waits for (the tenant's and the SP's), and the certificate rollover phase's (eight
 * in all).
 */
const DEMO_EARLY_KEYS = 5;
const DEMO_START_KEYS = 3;
const DEMO_LATER_KEYS = 3;

/**
 * Resolves when the keys the demo needs first are ready (started here, or earlier by startDemoKeysEarly);
 * the two after them are still being made.
 */
export function demoStartKeys(): Promise<void> {
  return keysReadyOrPending(DEMO_EARLY_KEYS, DEMO_START_KEYS);
}

/** The rollover phase's keys, from the idle core while the catalog runs. */
export function prepareDemoLaterKeys(): void {
  void prepareKeysInBackground(DEMO_LATER_KEYS);
}

/** Called by bin/samlspec.js with the command line: starts the demo's first keys if it is a demo run. */
export function startDemoKeysEarly(args: readonly string[]): void {
  const help = args.some((a) => a === '-h' || a === '--help');
  if (args[0] === 'demo' && !help) void demoStartKeys();
}
