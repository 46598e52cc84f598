/**
 * HttpTarget's support for the reply checks: every page of a delivery kept whole (the evidence keeps
 * only an excerpt), and the cookie jar read, planted and copied into a browser of its own.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpTarget } from './http-target.js';

let server: Server;
let base: string;
const LONG = 'x'.repeat(10_000);

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/acs') {
      req.resume();
      res.writeHead(303, { location: '/home', 'set-cookie': 'sid=new-session; Path=/; HttpOnly' });
      res.end('See Other');
    } else if (req.url === '/home') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<p>${LONG}</p><p id="end">cookies: ${req.headers.cookie ?? ''}</p>`);
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ cookie: req.headers.cookie ?? '' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const target = (): HttpTarget => new HttpTarget({ idpLoginUrl: 'http://127.0.0.1:9/idp', excerptBytes: 100 });

describe('HttpTarget reply access', () => {
  it('keeps every page of the delivery whole, redirect included, and starts afresh at each delivery', async () => {
    const t = target();
    const reply = await t.deliver({ acsUrl: `${base}/acs`, samlResponse: 'x' });
    expect(reply.bodyExcerpt.length).toBeLessThan(200);
    const pages = t.pagesSinceDelivery();
    expect(pages.map((p) => [p.status, p.location, p.contentType])).toEqual([
      [303, '/home', ''],
      [200, undefined, 'text/html'],
    ]);
    expect(pages[1]?.body).toContain('id="end"');
    await t.deliver({ acsUrl: `${base}/acs`, samlResponse: 'x' });
    expect(t.pagesSinceDelivery()).toHaveLength(2);
  });

  it('reads and plants cookies, and a copy holds only the cookies it is given', async () => {
    const t = target();
    t.plantCookie(base, 'planted', 'chosen');
    await t.deliver({ acsUrl: `${base}/acs`, samlResponse: 'x' });
    expect(t.cookiesFor(base).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'planted', value: 'chosen' },
      { name: 'sid', value: 'new-session' },
    ]);
    const copy = t.withCookies(base, [{ name: 'planted', value: 'chosen' }]);
    const page = await copy.fetchPage(`${base}/echo`);
    expect(JSON.parse(page.bodyExcerpt)).toEqual({ cookie: 'planted=chosen' });
  });
});
