/**
 * @module The RSA keys `samlspec demo` needs, asked for as early as possible. The in-memory tenant, the fixture
 * SP, the second tenant and the attacker need five keys before the first scenario (made in parallel on libuv's
 * pool, ~150 ms of one core each); the entry script starts them before the CLI's modules load, so the two
 * overlap instead of one waiting on the other. This module stays light (node:crypto only) for that reason.
 */
import { keysReadyOrPending, prepareKeysInBackground } from '../../mock-idp/keys/prepared-keys.js';

/** Keys a demo makes before its first scenario, and for the certificate rollover phase after (eight in all). */
const DEMO_START_KEYS = 5;
const DEMO_LATER_KEYS = 3;

/** Resolves when the keys the demo needs first are ready (started here, or earlier by startDemoKeysEarly). */
export function demoStartKeys(): Promise<void> {
  return keysReadyOrPending(DEMO_START_KEYS);
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
