import { describe, expect, it } from 'vitest';
import { refreshOrRefusal } from './rollover-refresh.js';

describe('refreshOrRefusal', () => {
  const failing = () => Promise.reject(new Error('HTTP 502'));
  const working = () => Promise.resolve();

  it('a failing refresh is the SP refusing that metadata once the hook is known to work', async () => {
    await expect(refreshOrRefusal(failing, true)).resolves.toEqual(expect.any(String));
    await expect(refreshOrRefusal(working, true)).resolves.toBeUndefined();
  });

  it('stays a configuration error when the hook never worked or was not tried', async () => {
    await expect(refreshOrRefusal(failing, false)).rejects.toThrow();
    await expect(refreshOrRefusal(failing, undefined)).rejects.toThrow();
  });
});
