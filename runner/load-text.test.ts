/**
 * Reading SP metadata (and other documents) from a file or URL: bounded in size while reading, bounded
 * in time including the body, and never following a redirect off the origins the run may contact.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HarnessError } from './errors.js';
import { OriginPolicy } from './http/origin-policy.js';
import { loadTextFromFileOrUrl, MAX_DOCUMENT_BYTES } from './load-text.js';
import { startFaultSp, startTrap, type FaultSp, type Trap } from '../test-support/fault-sp.js';
import { useNetworkGuard } from '../test-support/network-guard.js';

useNetworkGuard();

let sp: FaultSp;
let other: FaultSp;
let trap: Trap;
beforeAll(async () => {
  [sp, other, trap] = await Promise.all([startFaultSp(), startFaultSp(), startTrap()]);
});
afterAll(async () => {
  await Promise.all([sp.close(), other.close(), trap.close()]);
});
afterEach(() => {
  sp.setFault('metadata', undefined);
  expect(trap.hits).toEqual([]);
});

async function failure(promise: Promise<unknown>): Promise<HarnessError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HarnessError);
  expect((error as HarnessError).code).toBe('BAD_CONFIG');
  return error as HarnessError;
}

describe('from a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samlspec-load-'));

  it('reads a document', async () => {
    const file = join(dir, 'sp.xml');
    writeFileSync(file, '<x/>');
    expect(await loadTextFromFileOrUrl(file, 'SP metadata')).toBe('<x/>');
  });

  it('stops reading /dev/zero at the size limit, at once', async () => {
    // No wall-clock bound (shared, noisy machines): a read that did not stop would never end, and the
    // test's own timeout fails it.
    await failure(loadTextFromFileOrUrl('/dev/zero', 'SP metadata'));
  });

  it('refuses a file over the limit, a folder and a missing file', async () => {
    const big = join(dir, 'big.xml');
    writeFileSync(big, Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20));
    await failure(loadTextFromFileOrUrl(big, 'SP metadata'));
    await failure(loadTextFromFileOrUrl(dir, 'SP metadata'));
    await failure(loadTextFromFileOrUrl(join(dir, 'missing.xml'), 'SP metadata'));
  });
});

describe('from a URL', () => {
  it('reads it, and follows a redirect within its origin', async () => {
    expect(await loadTextFromFileOrUrl(sp.metadataUrl, 'SP metadata')).toBe(sp.metadataXml);
    sp.setFault('metadata', { kind: 'redirect', to: '/metadata-copy' });
    expect(await loadTextFromFileOrUrl(sp.metadataUrl, 'SP metadata')).toBe(sp.metadataXml);
  });

  it('follows a redirect to another origin the run may contact', async () => {
    sp.setFault('metadata', { kind: 'redirect', to: other.metadataUrl });
    const allowed = new OriginPolicy([other.loginUrl]);
    expect(await loadTextFromFileOrUrl(sp.metadataUrl, 'SP metadata', { allowedOrigins: allowed })).toBe(
      other.metadataXml,
    );
  });

  it.each([
    ['another origin on this machine', () => `${trap.url}/metadata`],
    ['another host', () => 'http://evil.example/metadata'],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
  ])('does not follow a redirect to %s', async (_name, to) => {
    sp.setFault('metadata', { kind: 'redirect', to: to() });
    const error = await failure(loadTextFromFileOrUrl(sp.metadataUrl, 'SP metadata'));
    expect(error.message).toContain(to());
  });

  it.each([
    ['an endless body', { kind: 'huge-body', declared: false } as const],
    ['a body declared too large', { kind: 'huge-body' } as const],
    ['a hang', { kind: 'hang' } as const],
    ['an endless trickle', { kind: 'slow', intervalMs: 50, endless: true } as const],
    ['a redirect loop', { kind: 'redirect-loop' } as const],
    ['a 500', { kind: 'status', status: 500 } as const],
  ])('fails on %s with BAD_CONFIG within the time limit', async (_name, fault) => {
    sp.setFault('metadata', fault);
    // A hang without the time limit would outlast the test's own timeout, so no wall-clock bound here.
    await failure(loadTextFromFileOrUrl(sp.metadataUrl, 'SP metadata', { timeoutMs: 700 }));
  });
});
