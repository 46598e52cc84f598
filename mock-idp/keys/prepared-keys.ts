/**
 * @module RSA-2048 private keys made ahead of time, each handed out once, before any is generated on the
 * spot. Generating an RSA-2048 key pair costs ~100 ms of CPU, and a process that starts many IdPs and SPs
 * (the test suite: hundreds) spends much of its time on it; a batch generated in parallel up front
 * (test-support/prepared-keys-setup.ts) is cheaper. Each key is used at most once per process, so two
 * keys of one process never coincide, exactly as with keys generated on demand. Empty unless a caller
 * adds keys: the mock on its own always generates.
 */

import { generateKeyPair } from 'node:crypto';

/** The only size kept ready: Entra's (and every default of this package). */
export const PREPARED_KEY_BITS = 2048;

const ready: string[] = [];

/** Adds PKCS#8 PEM private keys (RSA, 2048 bits, e = 65537) to hand out; the caller vouches for that. */
export function addPreparedKeys(privateKeyPems: readonly string[]): void {
  ready.push(...privateKeyPems);
}

/** A prepared key of this size, never handed out before, or undefined (generate one). */
export function takePreparedKey(bits: number): string | undefined {
  return bits === PREPARED_KEY_BITS ? ready.shift() : undefined;
}

/** Keys being generated in the background, not yet in `ready`. */
const pending = new Set<Promise<void>>();

/**
 * Starts generating `count` keys on libuv's thread pool; each joins the prepared keys when done. A process
 * that knows it will need keys soon (the demo: eight, each ~150 ms of one core) gets them from the idle
 * core while its own thread goes on; a key asked for before one is ready is still generated on the spot.
 * Resolves when all are done (a failed generation just leaves one key fewer).
 */
export function prepareKeysInBackground(count: number): Promise<void> {
  return Promise.all(Array.from({ length: count }, generateOne)).then(() => undefined);
}

/** Callers of keysReadyOrPending waiting for a number of ready keys. */
const waiters: { readyCount: number; resolve: () => void }[] = [];

/**
 * Makes sure `count` keys are ready or on their way (starting only the ones missing, so a process may ask
 * early, before its modules load, and again where it needs them), and resolves when `readyCount` of them
 * (default: all) are ready, or when none is pending any more (a failed generation leaves one key fewer).
 */
export function keysReadyOrPending(count: number, readyCount = count): Promise<void> {
  const missing = count - ready.length - pending.size;
  if (missing > 0) void prepareKeysInBackground(missing);
  if (ready.length >= readyCount || pending.size === 0) return Promise.resolve();
  return new Promise((resolve) => waiters.push({ readyCount, resolve }));
}

function wakeWaiters(): void {
  for (let i = waiters.length - 1; i >= 0; i--) {
    const waiter = waiters[i]!;
    if (ready.length >= waiter.readyCount || pending.size === 0) {
      waiters.splice(i, 1);
      waiter.resolve();
    }
  }
}

/**
 * At most two keys are generated at once: libuv's pool has four threads, and ESM module loading reads its
 * files through them; five keygens at once would make the CLI's modules wait behind them. (Two also fills
 * both cores of a small CI machine: more in parallel would not finish sooner.)
 */
const MAX_GENERATING = 2;
let generating = 0;
/** Generations waiting for a slot, in order. */
const queued: (() => void)[] = [];

function generateOne(): Promise<void> {
  const done = new Promise<void>((resolve) => {
    const start = (): void => {
      generating++;
      generateKeyPair(
        'rsa',
        {
          modulusLength: PREPARED_KEY_BITS,
          publicExponent: 65537,
          publicKeyEncoding: { type: 'spki', format: 'pem' },
          privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        },
        (error, _publicKey, privateKey) => {
          if (!error) ready.push(privateKey);
          pending.delete(done);
          wakeWaiters();
          generating--;
          queued.shift()?.();
          resolve();
        },
      );
    };
    if (generating < MAX_GENERATING) start();
    else queued.push(start);
  });
  pending.add(done);
  return done;
}

/** How many are left (tests). */
export function preparedKeyCount(): number {
  return ready.length;
}

/** Drops the keys not handed out yet (tests). */
export function clearPreparedKeys(): void {
  ready.length = 0;
}
