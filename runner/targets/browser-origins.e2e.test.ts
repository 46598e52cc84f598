/**
 * @module End to end in Chromium: browser mode contacts only the origins the run may contact. A login
 * URL that redirects elsewhere is stopped before the request leaves the browser (OFF_ORIGIN); an SP
 * page's images, scripts, frames and fetches to other origins are blocked; a redirect off the ACS's
 * origin after a delivery is recorded and not followed. A trap server on loopback stands for "elsewhere"
 * and must see no request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HarnessError } from '../errors.js';
import { OriginPolicy } from '../http/origin-policy.js';
import { startFaultSp, startTrap, type FaultSp, type Trap } from '../../test-support/fault-sp.js';
import type { BrowserTarget } from './browser-target.js';
import { BrowserRun } from './browser/browser-run.js';

const IDP_LOGIN = 'http://localhost:9/00000000-0000-4000-8000-000000000001/saml2';

let browser: BrowserRun;
let trap: Trap;
let sp: FaultSp;
let page: Server;
let pageUrl: string;

beforeAll(async () => {
  browser = await BrowserRun.start({ timeoutMs: 8000 });
  trap = await startTrap();
  sp = await startFaultSp({ idpLoginUrl: IDP_LOGIN });
  // An SP login page that reaches for other origins in every way a page can, then posts to the IdP.
  page = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!DOCTYPE html>
<img src="${trap.url}/img.png"><script src="${trap.url}/script.js"></script>
<link rel="stylesheet" href="${trap.url}/style.css"><iframe src="${trap.url}/frame"></iframe>
<form method="POST" action="${IDP_LOGIN}"><input type="hidden" name="SAMLRequest" value="PHNhbWxwOkF1dGhuUmVxdWVzdC8+"></form>
<script>fetch('${trap.url}/fetch').catch(() => 0); setTimeout(() => document.forms[0].submit(), 300);</script>`);
  });
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/login`;
});

afterAll(async () => {
  await sp?.close();
  await trap?.close();
  await new Promise((resolve) => page?.close(resolve));
  await browser?.close();
});

afterEach(() => {
  sp.setFault('login', undefined);
  sp.setFault('acs', undefined);
  expect(trap.hits, 'requests that reached another origin').toEqual([]);
});

/** As a run makes them: the browser's proxy and the target know the same origins. */
function target(loginUrl: string): BrowserTarget {
  const allowed = new OriginPolicy([loginUrl, sp.acsUrl, IDP_LOGIN]);
  browser.allowOrigins(allowed);
  return browser.createTarget(loginUrl, IDP_LOGIN, allowed);
}

describe('browser mode stays on the named origins', () => {
  it.each([
    ['another origin on this machine', () => `${trap.url}/phish`],
    ['another host', () => 'http://evil.example/phish'],
  ])('stops a login redirect to %s before it is sent (OFF_ORIGIN)', async (_name, to) => {
    sp.setFault('login', { kind: 'redirect', to: to() });
    const t = target(sp.loginUrl);
    try {
      const error = await t.startLogin().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(HarnessError);
      expect((error as HarnessError).code).toBe('OFF_ORIGIN');
    } finally {
      await t.close();
    }
  });

  it("blocks an SP page's subresources, frames and fetches to other origins, and the browser's own connections there", async () => {
    const t = target(pageUrl);
    try {
      const login = await t.startLogin();
      expect(login.binding).toBe('post');
    } finally {
      await t.close();
    }
    // Chromium opens a connection for a frame before its request can be intercepted: through the proxy,
    // it goes to the proxy, so the trap (afterEach) sees no connection at all.
  });

  it('records a redirect off the ACS origin after a delivery and does not follow it', async () => {
    sp.setFault('acs', { kind: 'redirect', to: `${trap.url}/landing` });
    const t = target(sp.loginUrl);
    try {
      const reply = await t.deliver({ acsUrl: sp.acsUrl, samlResponse: 'PHg+' });
      expect(reply.offSiteRedirect).toBe(`${trap.url}/landing`);
    } finally {
      await t.close();
    }
  });
});
