/**
 * @module RSA-2048 private keys made ahead of time, each handed out once, before any is generated on the
 * spot. Generating an RSA-2048 key pair costs ~150 ms of CPU, and a process that starts many IdPs and SPs
 * (the test suite: hundreds) spends much of its time on it; a batch generated in parallel up front
 * (test-support/prepared-keys-setup.ts) is cheaper, and `samlspec demo` hands in fixed test keys
 * (runner/commands/demo-keys.ts). Each key is used at most once per process, so two keys of one process
 * never coincide, exactly as with keys generated on demand. Empty unless a caller adds keys: the mock on
 * its own always generates.
 */

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

/** How many are left (tests). */
export function preparedKeyCount(): number {
  return ready.length;
}

/** Drops the keys not handed out yet (tests). */
export function clearPreparedKeys(): void {
  ready.length = 0;
}
