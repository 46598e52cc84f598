import { beforeEach, describe, expect, it } from 'vitest';
import { clearPreparedKeys, preparedKeyCount } from '../../mock-idp/keys/prepared-keys.js';
import { demoStartKeys, startDemoKeysEarly } from './demo-keys.js';

describe('demo keys', () => {
  // The test setup hands every file a batch of keys: start from none.
  beforeEach(() => clearPreparedKeys());

  it('asked for early and again where needed, the demo gets its five keys once, not twice', async () => {
    startDemoKeysEarly(['demo', '--quiet']);
    await demoStartKeys();
    expect(preparedKeyCount()).toBe(5);
  });

  it('starts nothing for other commands or for demo --help', async () => {
    startDemoKeysEarly(['run', '--sp-metadata', 'x']);
    startDemoKeysEarly(['demo', '--help']);
    startDemoKeysEarly(['demo', '-h']);
    expect(preparedKeyCount()).toBe(0);
    await demoStartKeys();
    expect(preparedKeyCount()).toBe(5);
  });
});
