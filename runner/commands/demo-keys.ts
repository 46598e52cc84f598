/**
 * @module The RSA keys `samlspec demo` makes, asked for as early as possible. The in-memory tenant needs one
 * before the first scenario, the second tenant and the attacker two more soon after (their first scenarios
 * make them on first use, runner/engine/scenario-idp.ts), all made in parallel on libuv's pool (~120 ms of
 * one core each). The built-in SP's keys are fixed test keys (fixtures/sps/shared/demo-sp-keys.ts). The entry
 * script starts them before the CLI's modules load (demo-early-start.ts), so the two overlap instead of one
 * waiting on the other.
 */
import { keysReadyOrPending, prepareKeysInBackground } from '../../mock-idp/keys/prepared-keys.js';

/**
 * Keys a demo makes from the start (the app's certificate in the tenant, the second tenant's, the attacker's),
 * how many of them its first scenario waits for (the app's), and the certificate rollover phase's (six in all).
 */
const DEMO_EARLY_KEYS = 3;
const DEMO_START_KEYS = 1;
const DEMO_LATER_KEYS = 3;

/**
 * Resolves when the keys the demo needs first are ready (started here, or earlier by demo-early-start.ts);
 * the two after them are still being made.
 */
export function demoStartKeys(): Promise<void> {
  return keysReadyOrPending(DEMO_EARLY_KEYS, DEMO_START_KEYS);
}

/** The rollover phase's keys, from the idle core while the catalog runs. */
export function prepareDemoLaterKeys(): void {
  void prepareKeysInBackground(DEMO_LATER_KEYS);
}
