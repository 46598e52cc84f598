import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearPreparedKeys,
  keysReadyOrPending,
  preparedKeyCount,
} from '../../mock-idp/keys/prepared-keys.js';
import { demoStartKeys } from './demo-keys.js';

describe('demo keys', () => {
  // The test setup hands every file a batch of keys: start from none.
  beforeEach(async () => {
    await keysReadyOrPending(0, Number.MAX_SAFE_INTEGER);
    clearPreparedKeys();
  });

  it('asked for early and again where needed, the demo gets its three keys once, not twice; it waits for one', async () => {
    void demoStartKeys();
    await demoStartKeys();
    expect(preparedKeyCount()).toBeGreaterThanOrEqual(1);
    // Nothing more is pending once three are ready: none was started twice.
    await keysReadyOrPending(0, Number.MAX_SAFE_INTEGER);
    expect(preparedKeyCount()).toBe(3);
  });
});
