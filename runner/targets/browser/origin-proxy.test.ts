import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OriginPolicy } from '../../http/origin-policy.js';
import { startTrap, type Trap } from '../../../test-support/fault-sp.js';
import { useNetworkGuard } from '../../../test-support/network-guard.js';
import { OriginProxy } from './origin-proxy.js';

useNetworkGuard();

let proxy: OriginProxy;
let sp: Server;
let spUrl: string;
let trap: Trap;

beforeAll(async () => {
  sp = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; HttpOnly']);
      res.writeHead(200, { 'content-type': 'text/plain', 'x-seen-host': req.headers.host ?? '' });
      res.end(`${req.method} ${req.url} ${body}`);
    });
  });
  await new Promise<void>((resolve) => sp.listen(0, '127.0.0.1', resolve));
  spUrl = `http://127.0.0.1:${(sp.address() as AddressInfo).port}`;
  trap = await startTrap();
  proxy = await OriginProxy.start();
  proxy.allow(new OriginPolicy([spUrl]));
});

afterAll(async () => {
  await proxy.close();
  await trap.close();
  await new Promise((resolve) => sp.close(resolve));
});

/** A request as a browser sends it to an HTTP proxy: the absolute URL as the path. */
function viaProxy(
  method: string,
  url: string,
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const proxyUrl = new URL(proxy.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: proxyUrl.hostname,
        port: proxyUrl.port,
        method,
        path: url,
        headers: { host: new URL(url).host },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function tunnel(authority: string): Promise<number> {
  const proxyUrl = new URL(proxy.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: proxyUrl.hostname, port: proxyUrl.port, method: 'CONNECT', path: authority });
    req.on('connect', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('OriginProxy', () => {
  it('forwards requests to an allowed origin as they are, and answers as the origin did', async () => {
    const get = await viaProxy('GET', `${spUrl}/me?x=1`);
    expect(get.status).toBe(200);
    expect(get.body).toBe('GET /me?x=1 ');
    expect(get.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(get.headers['x-seen-host']).toBe(new URL(spUrl).host);
    expect((await viaProxy('POST', `${spUrl}/acs`, 'SAMLResponse=abc')).body).toBe(
      'POST /acs SAMLResponse=abc',
    );
  });

  it('refuses any other origin without contacting it', async () => {
    for (const url of [`${trap.url}/x`, 'http://evil.example/x', 'http://10.0.0.1/x']) {
      expect((await viaProxy('GET', url)).status).toBe(403);
    }
    expect(trap.hits).toEqual([]);
    expect(proxy.blocked).toEqual([
      `GET ${trap.url}/x`,
      'GET http://evil.example/x',
      'GET http://10.0.0.1/x',
    ]);
  });

  it('opens tunnels (HTTPS, WebSockets) only to an allowed host and port', async () => {
    expect(await tunnel(new URL(spUrl).host)).toBe(200);
    expect(await tunnel(new URL(trap.url).host)).toBe(403);
    expect(await tunnel('evil.example:443')).toBe(403);
    expect(trap.hits).toEqual([]);
  });
});
