import dns from 'node:dns';
import { request } from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { installNetworkGuard, isLoopback, type NetworkGuard } from './network-guard.js';
import { startTrap } from './fault-sp.js';

// The guard is proven on a loopback address it is told to refuse (127.0.0.2): had it let a connection
// through, that connection would still have stayed on this machine.
const FORBIDDEN = '127.0.0.2';
const allowAllBut = (host: string | undefined): boolean => host !== FORBIDDEN && host !== 'forbidden.test';

let guard: NetworkGuard | undefined;
afterEach(() => {
  guard?.uninstall();
  guard = undefined;
});

describe('network guard', () => {
  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1', undefined])
      expect(isLoopback(host), String(host)).toBe(true);
    for (const host of ['10.0.0.1', '198.51.100.7', 'example.com', 'localhost.example', 'a.localhost', '::2'])
      expect(isLoopback(host), host).toBe(false);
  });

  it('refuses and records fetch, http, net and tls connections, and DNS lookups, before they start', async () => {
    const trap = await startTrap();
    const port = Number(new URL(trap.url).port);
    guard = installNetworkGuard({ allow: allowAllBut });
    await expect(fetch(`http://${FORBIDDEN}:${port}/`)).rejects.toThrow();
    await new Promise<void>((resolve) => {
      const req = request({ host: FORBIDDEN, port, path: '/' });
      req.on('error', () => resolve());
      req.end();
    });
    await new Promise<void>((resolve) => net.connect(port, FORBIDDEN).on('error', () => resolve()));
    await new Promise<void>((resolve) =>
      tls.connect({ host: FORBIDDEN, port, rejectUnauthorized: false }).on('error', () => resolve()),
    );
    await expect(dns.promises.lookup('forbidden.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await new Promise<void>((resolve) =>
      dns.lookup('forbidden.test', (error) => (expect(error).toBeTruthy(), resolve())),
    );
    expect(guard.attempts.map((a) => `${a.kind} ${a.host}`)).toEqual([
      `connect ${FORBIDDEN}`,
      `connect ${FORBIDDEN}`,
      `connect ${FORBIDDEN}`,
      `connect ${FORBIDDEN}`,
      'lookup forbidden.test',
      'lookup forbidden.test',
    ]);
    expect(trap.hits).toEqual([]);
    await trap.close();
  });

  it('lets loopback through, and uninstalls cleanly', async () => {
    const trap = await startTrap();
    guard = installNetworkGuard();
    expect((await fetch(trap.url)).status).toBe(200);
    expect(guard.take()).toEqual([]);
    guard.uninstall();
    expect(net.Socket.prototype.connect.name).not.toBe('guardedConnect');
    expect(trap.hits).toHaveLength(1);
    await trap.close();
  });
});
