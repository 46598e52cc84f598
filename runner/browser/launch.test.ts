/** @module Finding and starting Chromium: a missing or broken browser says how to get one (BROWSER_FAILED, exit 2). */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HarnessError } from '../errors.js';
import { CHROMIUM_ENV, launchBrowser, resolveChromiumPath } from './launch.js';

const dir = mkdtempSync(join(tmpdir(), 'samlspec-launch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function failure(run: () => unknown): HarnessError {
  try {
    run();
  } catch (error) {
    if (error instanceof HarnessError) return error;
    throw error;
  }
  throw new Error('expected a HarnessError');
}

function expectHowToGetOne(error: HarnessError): void {
  expect(error.code).toBe('BROWSER_FAILED');
  expect(error.message).toContain('--browser-path');
  expect(error.message).toContain(CHROMIUM_ENV);
  expect(error.message).toContain('apt-get install chromium');
}

describe('resolveChromiumPath', () => {
  const missing = join(dir, 'no-such-chromium');

  it('takes --browser-path first, then SAMLSPEC_CHROMIUM, then the system paths', () => {
    const fake = join(dir, 'fake-chromium');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    expect(resolveChromiumPath(fake, { [CHROMIUM_ENV]: missing }).path).toBe(fake);
    expect(resolveChromiumPath(undefined, { [CHROMIUM_ENV]: fake }).path).toBe(fake);
    expect(resolveChromiumPath(undefined, {}, [missing, fake]).path).toBe(fake);
  });

  it('names the flag, the variable and the Debian package when there is no browser', () => {
    expectHowToGetOne(failure(() => resolveChromiumPath(missing, {})));
    expectHowToGetOne(failure(() => resolveChromiumPath(undefined, { [CHROMIUM_ENV]: missing })));
    expectHowToGetOne(failure(() => resolveChromiumPath(undefined, {}, [missing])));
  });

  it('refuses a file that is not executable, or a directory', () => {
    const plain = join(dir, 'not-executable');
    writeFileSync(plain, '');
    chmodSync(plain, 0o644);
    expectHowToGetOne(failure(() => resolveChromiumPath(plain, {})));
    expectHowToGetOne(failure(() => resolveChromiumPath(dir, {})));
  });
});

describe('launchBrowser', () => {
  it('reports an executable that is not a browser as BROWSER_FAILED, saying how to get one', async () => {
    const notABrowser = join(dir, 'not-a-browser');
    writeFileSync(notABrowser, '#!/bin/sh\necho "not chromium" >&2\nexit 3\n');
    chmodSync(notABrowser, 0o755);
    const error = await launchBrowser({ executablePath: notABrowser, timeoutMs: 10_000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HarnessError);
    expectHowToGetOne(error as HarnessError);
    expect((error as HarnessError).message).toContain('did not start');
  });
});
