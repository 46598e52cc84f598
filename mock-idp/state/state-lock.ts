/**
 * @module A lock on the state directory across processes, so parallel CI jobs that start `samlspec idp
 * metadata` and `samlspec run` at once on one fresh directory create ONE tenant, ONE default app and
 * ONE signing certificate (without it each made its own, and the SP trusted one while the run signed
 * with the other).
 *
 * The lock is a file created with O_EXCL (`wx`), holding the owner's pid. State code is synchronous, so
 * waiting is synchronous too (Atomics.wait, no busy loop). A lock whose owner is gone (killed mid-write)
 * is taken over; one held longer than the time limit is an error that names the owner. Re-entrant within
 * a process (nested transactions hold it once).
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { MockIdpError } from '../errors.js';

export const LOCK_FILE = 'state.lock';
/** How long to wait for another process (key generation inside the lock takes well under a second). */
export const LOCK_TIMEOUT_MS = 60_000;
/** A lock older than this whose owner cannot be checked (another host) is stale. */
const STALE_MS = 5 * 60_000;
const RETRY_MS = 20;

const held = new Map<string, number>();
const sleeper = new Int32Array(new SharedArrayBuffer(4));

export function withStateLock<T>(path: string, fn: () => T, timeoutMs = LOCK_TIMEOUT_MS): T {
  const depth = held.get(path) ?? 0;
  if (depth === 0) acquire(path, timeoutMs);
  held.set(path, depth + 1);
  try {
    return fn();
  } finally {
    if (depth === 0) {
      held.delete(path);
      release(path);
    } else held.set(path, depth);
  }
}

function acquire(path: string, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  const owner = `${process.pid}@${hostname()}`;
  for (;;) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, owner);
      } finally {
        closeSync(fd);
      }
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST')
        throw new MockIdpError(
          'STATE_UNUSABLE',
          `cannot lock the state directory (${path}): ${code ?? error}`,
          {
            cause: error,
          },
        );
    }
    if (isStale(path)) {
      try {
        unlinkSync(path);
      } catch {
        // Another waiter removed it first: try again.
      }
      continue;
    }
    if (Date.now() >= deadline)
      throw new MockIdpError(
        'STATE_UNUSABLE',
        `the state directory is locked by ${readOwner(path) ?? 'another process'} (${path}); if no samlspec process is running, remove that file`,
      );
    Atomics.wait(sleeper, 0, 0, RETRY_MS);
  }
}

function release(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone (taken over as stale by a process that thought we were dead): nothing to release.
  }
}

function readOwner(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The owner process is gone (same host), or the lock is very old. */
function isStale(path: string): boolean {
  const owner = readOwner(path);
  const match = owner ? /^(\d+)@(.*)$/.exec(owner) : null;
  if (match && match[2] === hostname()) {
    try {
      process.kill(Number(match[1]), 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
    }
    return false;
  }
  try {
    return Date.now() - statSync(path).mtimeMs > STALE_MS;
  } catch {
    return false;
  }
}
