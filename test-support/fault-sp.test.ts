import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultSp, startTrap, type FaultSp } from './fault-sp.js';
import { useNetworkGuard } from './network-guard.js';

useNetworkGuard();

const IDP = 'http://127.0.0.1:9/tenant/saml2';
let sp: FaultSp;
beforeAll(async () => {
  sp = await startFaultSp({ idpLoginUrl: IDP });
});
afterAll(() => sp.close());

const get = (url: string, ms = 2000) => fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(ms) });

/** Status and header count of a raw answer (Node's client takes any number of headers). */
function raw(url: string): Promise<{ status: number; headers: number; cookies: number }> {
  return new Promise((resolve, reject) => {
    request(url, { maxHeaderSize: 1024 * 1024 }, (res) => {
      res.resume();
      resolve({
        status: res.statusCode ?? 0,
        headers: res.rawHeaders.length / 2,
        cookies: res.headers['set-cookie']?.length ?? 0,
      });
    })
      .on('error', reject)
      .end();
  });
}

describe('fault SP', () => {
  it('behaves like an SP without faults', async () => {
    expect(await (await get(sp.metadataUrl)).text()).toBe(sp.metadataXml);
    const login = await get(sp.loginUrl);
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toMatch(new RegExp(`^${IDP}\\?SAMLRequest=`));
    expect((await get(sp.probeUrl)).status).toBe(401);
    expect(sp.requests).toEqual(['GET /metadata', 'GET /login', 'GET /me']);
  });

  it('hangs, resets mid-body, answers 500, loops and redirects off-site as told', async () => {
    sp.setFault('probe', { kind: 'hang' });
    await expect(get(sp.probeUrl, 300)).rejects.toThrow();
    sp.setFault('probe', { kind: 'reset-mid-body' });
    await expect((await get(sp.probeUrl)).text()).rejects.toThrow();
    sp.setFault('probe', { kind: 'status', status: 500 });
    expect((await get(sp.probeUrl)).status).toBe(500);
    sp.setFault('probe', { kind: 'redirect-loop' });
    const first = (await get(sp.probeUrl)).headers.get('location')!;
    expect((await get(new URL(first, sp.baseUrl).href)).headers.get('location')).not.toBe(first);
    sp.setFault('probe', { kind: 'redirect', to: 'https://evil.example/' });
    expect((await get(sp.probeUrl)).headers.get('location')).toBe('https://evil.example/');
    sp.setFault('probe', undefined);
  });

  it('sends 50 MB bodies, cookie and header floods, and slow trickles', async () => {
    sp.setFault('probe', { kind: 'huge-body' });
    const huge = await get(sp.probeUrl);
    expect(huge.headers.get('content-length')).toBe(String(50 * 1024 * 1024));
    await huge.body?.cancel();
    sp.setFault('probe', { kind: 'cookie-flood', count: 250 });
    expect((await raw(sp.probeUrl)).cookies).toBe(250);
    sp.setFault('probe', { kind: 'header-flood', count: 500 });
    expect((await raw(sp.probeUrl)).headers).toBeGreaterThan(500);
    sp.setFault('probe', { kind: 'slow', intervalMs: 30 });
    const started = Date.now();
    expect(await (await get(sp.probeUrl)).text()).toBe('no session');
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
    sp.setFault('probe', undefined);
  });

  it('dies after N requests: every later connection is refused', async () => {
    const dying = await startFaultSp({ dieAfterRequests: 1 });
    expect((await get(dying.probeUrl)).status).toBe(401);
    await expect(get(dying.probeUrl)).rejects.toThrow();
    await expect(get(dying.probeUrl)).rejects.toThrow();
    await dying.close();
  });

  it('has a trap that counts what reached it', async () => {
    const trap = await startTrap();
    await get(`${trap.url}/x`);
    expect(trap.hits).toEqual(['GET /x']);
    await trap.close();
  });
});
