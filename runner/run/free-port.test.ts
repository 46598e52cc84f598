import { describe, expect, it } from 'vitest';
import { HarnessError } from '../errors.js';
import { freePort, isPortClash, withFreePort } from './free-port.js';

const clash = () =>
  new HarnessError('BAD_CONFIG', 'the IdP port is in use', {
    cause: Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }),
  });

describe('withFreePort', () => {
  it('starts over on a new port when the picked one was taken before the IdP bound it', async () => {
    const ports: number[] = [];
    const result = await withFreePort(async (port) => {
      ports.push(port);
      if (ports.length === 1) throw clash();
      return 'ran';
    });
    expect(result).toBe('ran');
    expect(ports).toHaveLength(2);
  });

  it('passes any other error through at once, and gives up after the last try', async () => {
    let calls = 0;
    const other = new HarnessError('BAD_CONFIG', 'no oracle');
    await expect(
      withFreePort(async () => {
        calls++;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(calls).toBe(1);
    await expect(withFreePort(async () => Promise.reject(clash()), { tries: 2 })).rejects.toSatisfy(
      isPortClash,
    );
  });

  it('picks a bindable loopback port', async () => {
    expect(await freePort()).toBeGreaterThan(0);
  });
});
