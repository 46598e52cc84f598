import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearPreparedKeys,
  keysReadyOrPending,
  preparedKeyCount,
} from '../../mock-idp/keys/prepared-keys.js';
import { demoStartKeys, startDemoKeysEarly } from './demo-keys.js';

describe('demo keys', () => {
  // The test setup hands every file a batch of keys: start from none.
  beforeEach(async () => {
    await keysReadyOrPending(0, Number.MAX_SAFE_INTEGER);
    clearPreparedKeys();
  });

  it('asked for early and again where needed, the demo gets its five keys once, not twice; it waits for three', async () => {
    startDemoKeysEarly(['demo', '--quiet']);
    await demoStartKeys();
    expect(preparedKeyCount()).toBeGreaterThanOrEqual(3);
    // Nothing more is pending once five are ready: none was started twice.
    await keysReadyOrPending(0, Number.MAX_SAFE_INTEGER);
    expect(preparedKeyCount()).toBe(5);
  });

  it('starts nothing for other commands or for demo --help', async () => {
    startDemoKeysEarly(['run', '--sp-metadata', 'x']);
    startDemoKeysEarly(['demo', '--help']);
    startDemoKeysEarly(['demo', '-h']);
    expect(preparedKeyCount()).toBe(0);
    await demoStartKeys();
    await keysReadyOrPending(0, Number.MAX_SAFE_INTEGER);
    expect(preparedKeyCount()).toBe(5);
  });
});
