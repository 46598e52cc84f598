import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clearPreparedKeys, preparedKeyCount } from '../../mock-idp/keys/prepared-keys.js';
import { DEMO_SP_PRIVATE_KEYS } from '../../fixtures/sps/shared/demo-sp-keys.js';
import type { Worker } from 'node:worker_threads';
import type { SpThreadLauncher, SpThreadOptions } from '../../fixtures/sps/profile-sps/sp-thread.js';

// The real launcher runs compiled code on a worker thread (sp-thread.e2e.test.ts runs it); here only which
// launches happen, when, and with what, matters.
const launches: SpThreadOptions[] = [];
vi.mock('../../fixtures/sps/profile-sps/sp-thread.js', () => ({
  launchSpThread: (options: SpThreadOptions): SpThreadLauncher => {
    launches.push(options);
    return { start: () => Promise.reject(new Error('not in this test')), close: () => Promise.resolve() };
  },
}));
const { demoSpThread, startDemoEarly } = await import('./demo-early-start.js');

/** A worker as bin/samlspec.js hands it over; only whether it is used or ended matters here. */
function fakeWorker(): Worker & { ended: boolean } {
  const worker = { ended: false, terminate: () => ((worker.ended = true), Promise.resolve(0)) };
  return worker as unknown as Worker & { ended: boolean };
}

describe('startDemoEarly', () => {
  beforeEach(() => {
    // The test setup hands every file a batch of keys: start from none.
    clearPreparedKeys();
    launches.length = 0;
  });

  it('starts nothing for other commands or for demo --help', () => {
    startDemoEarly(['run', '--sp-metadata', 'x']);
    startDemoEarly(['demo', '--help']);
    startDemoEarly(['demo', '-h']);
    startDemoEarly([]);
    expect(preparedKeyCount()).toBe(0);
    expect(launches).toHaveLength(0);
  });

  it("for a demo, launches the SP's thread with the fixed SP keys, and generates no key", () => {
    startDemoEarly(['demo', '--quiet']);
    startDemoEarly(['demo', '--quiet']);
    expect(launches).toHaveLength(1);
    expect(launches[0]!.keys).toEqual(DEMO_SP_PRIVATE_KEYS);
    expect(preparedKeyCount()).toBe(0);
    // The demo command takes that thread instead of launching another.
    const early = demoSpThread();
    expect(launches).toHaveLength(1);
    // Handed out once: a later call launches a new thread, with the same keys.
    expect(demoSpThread()).not.toBe(early);
    expect(launches).toHaveLength(2);
    expect(launches[1]!.keys).toEqual(DEMO_SP_PRIVATE_KEYS);
  });

  it('launches on the worker bin/samlspec.js made before the bundle loaded, and ends a worker it does not use', () => {
    const early = fakeWorker();
    startDemoEarly(['demo'], early);
    expect(launches).toHaveLength(1);
    expect(launches[0]!.worker).toBe(early);
    expect(early.ended).toBe(false);
    // A second early start, or one for another command, has no use for its worker.
    const spare = fakeWorker();
    startDemoEarly(['demo'], spare);
    const notDemo = fakeWorker();
    startDemoEarly(['run'], notDemo);
    expect([spare.ended, notDemo.ended]).toEqual([true, true]);
    expect(launches).toHaveLength(1);
    demoSpThread();
  });
});
