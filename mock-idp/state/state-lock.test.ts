import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MockIdpError } from '../errors.js';
import { withStateLock } from './state-lock.js';

const lockPath = (): string => join(mkdtempSync(join(tmpdir(), 'samlspec-lock-')), 'state.lock');

describe('state lock', () => {
  it('holds the lock file while the function runs, re-entrantly, and removes it after', () => {
    const path = lockPath();
    const seen = withStateLock(path, () => {
      const outer = readFileSync(path, 'utf8');
      withStateLock(path, () => expect(existsSync(path)).toBe(true));
      expect(existsSync(path)).toBe(true);
      return outer;
    });
    expect(seen).toBe(`${process.pid}@${hostname()}`);
    expect(existsSync(path)).toBe(false);
  });

  it('releases it when the function throws', () => {
    const path = lockPath();
    expect(() =>
      withStateLock(path, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(existsSync(path)).toBe(false);
  });

  it('takes over a lock whose owner process is gone', () => {
    const path = lockPath();
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(path, `${child.stdout.toString()}@${hostname()}`);
    expect(withStateLock(path, () => 'got it')).toBe('got it');
  });

  it('waits for a live owner and then fails with STATE_UNUSABLE, naming it', () => {
    const path = lockPath();
    // The parent of this test process is alive and is not us.
    writeFileSync(path, `${process.ppid}@${hostname()}`);
    let failure: unknown;
    try {
      withStateLock(path, () => undefined, 150);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(MockIdpError);
    expect((failure as MockIdpError).code).toBe('STATE_UNUSABLE');
    expect((failure as MockIdpError).message).toContain(String(process.ppid));
    expect(existsSync(path)).toBe(true);
  });
});
