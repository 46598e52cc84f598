/**
 * @module End to end: BrowserTarget in headless Chromium against the reference SP (127.0.0.1) and the
 * mock IdP (localhost: another site). The same contract as HttpTarget — the IdP never answers a login
 * start, a probe's redirect is read and not followed, an off-site redirect is recorded and not
 * followed — plus what only a browser shows: SameSite cookie rules on the IdP's cross-site POST, the
 * mock IdP's own sign-in page, screenshots and traces.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../../scenarios/index.js';
import { groups as browserGroups } from '../../scenarios/browser/index.js';
import type { Scenario } from '../../scenarios/types.js';
import { launchBrowser, type LaunchedBrowser } from '../browser/launch.js';
import { runScenario } from '../engine/run-scenario.js';
import type { BrowserArtifactOptions } from './browser-target.js';
import { startBrowserRig, type BrowserRig } from './browser/test-support/browser-rig.js';
import { BrowserTarget } from './browser-target.js';

const byId = (id: string): Scenario => {
  const found = [...scenarios, ...browserGroups.flatMap((g) => g.scenarios)].find((s) => s.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
};
const BASELINE = 'profiles/4.1.4.5/entra-default-response';
const INTERACTIVE = 'browser/samesite/sp-initiated-cross-site-sign-in';
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

let browser: LaunchedBrowser;
const rigs: BrowserRig[] = [];
const reportDir = mkdtempSync(join(tmpdir(), 'samlspec-browser-target-'));
const artifacts: BrowserArtifactOptions = { reportDir, subdir: 'a', screenshots: 'all', traces: true };

async function rig(options: Parameters<typeof startBrowserRig>[1] = {}): Promise<BrowserRig> {
  const started = await startBrowserRig(browser.browser, options);
  rigs.push(started);
  return started;
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await Promise.all(rigs.map((r) => r.close()));
  await browser?.close();
  rmSync(reportDir, { recursive: true, force: true });
});

describe('BrowserTarget: the SpTarget contract in Chromium', () => {
  it('captures the Redirect-binding AuthnRequest without the IdP ever receiving it', async () => {
    const r = await rig();
    const target = r.target();
    try {
      const login = await target.startLogin();
      expect(login.binding).toBe('redirect');
      expect(login.rawQuery).toMatch(/^SAMLRequest=[^&]+/);
      expect(login.samlRequest.length).toBeGreaterThan(20);
      expect(login.hops[0]).toMatchObject({ method: 'GET', url: r.sp.loginUrl, status: 302 });
      expect(login.hops.at(-1)?.location?.startsWith(r.idpLoginUrl)).toBe(true);
      expect(r.idpHits).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it('captures an HTTP-POST AuthnRequest, submitting the form itself when no script does', async () => {
    const r = await rig();
    // An SP whose login page holds the POST-binding form: with an auto-submit script, and without one.
    const page = (script: boolean): string =>
      `<!DOCTYPE html><form method="POST" action="${r.idpLoginUrl}"><input type="hidden" name="SAMLRequest" value="PHNhbWxwOkF1dGhuUmVxdWVzdC8+"><input type="hidden" name="RelayState" value="/deep?a=1&amp;b=2"></form>${script ? '<script>document.forms[0].submit()</script>' : ''}`;
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(req.url === '/login-scripted'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const path of ['/login-scripted', '/login-plain']) {
        const target = new BrowserTarget({
          browser: browser.browser,
          loginUrl: `${base}${path}`,
          idpLoginUrl: r.idpLoginUrl,
        });
        try {
          const login = await target.startLogin();
          expect(login).toMatchObject({
            binding: 'post',
            samlRequest: 'PHNhbWxwOkF1dGhuUmVxdWVzdC8+',
            relayState: '/deep?a=1&b=2',
            form: { SAMLRequest: 'PHNhbWxwOkF1dGhuUmVxdWVzdC8+', RelayState: '/deep?a=1&b=2' },
          });
          expect(login.hops).toEqual([
            { method: 'GET', url: `${base}${path}`, status: 200, location: undefined },
          ]);
        } finally {
          await target.close();
        }
      }
      expect(r.idpHits).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('reads a probe redirect as "no session" and does not follow it', async () => {
    const r = await rig();
    const target = r.target();
    try {
      const before = r.sp.requests.length;
      const reply = await target.fetchPage(r.sp.probeUrl);
      expect(reply.status).toBe(302);
      expect(reply.headers.location).toMatch(/^\/login/);
      // Only the probe itself reached the SP: no /login, so no AuthnRequest was started.
      expect(r.sp.requests.slice(before).map((q) => q.path)).toEqual(['/me']);
    } finally {
      await target.close();
    }
  });

  it('signs the baseline user in through an auto-post page on the IdP origin, with a screenshot', async () => {
    const r = await rig();
    const result = await runScenario(byId(BASELINE), 'sp-initiated', r.env(artifacts));
    expect(result.outcome, result.actual).toBe('pass');
    expect(result.evidence.spReply).toMatchObject({ status: 200 });
    expect(result.evidence.spReply?.hops[0]).toMatchObject({ method: 'POST', status: 303 });
    expect(result.evidence.probe?.status).toBe(200);
    const shot = result.evidence.artifacts?.find((a) => a.endsWith('.jpg'));
    expect(shot).toBe('a/profiles/4.1.4.5/entra-default-response/sp-initiated.jpg');
    expect(readFileSync(join(reportDir, shot!)).subarray(0, 3)).toEqual(JPEG);
    // A pass keeps no trace; and the IdP answered nothing (the harness served the delivery page).
    expect(result.evidence.artifacts?.some((a) => a.endsWith('.zip'))).toBe(false);
    expect(r.idpHits).toEqual([]);
  });

  it('records an off-site redirect after the ACS and never follows it', async () => {
    const r = await rig({ weaknesses: ['open-redirect'] });
    const result = await runScenario(
      byId('bindings/3.5.3/relay-state-absolute-off-site'),
      'idp-initiated',
      r.env(artifacts),
    );
    expect(result.evidence.spReply?.offSiteRedirect).toBe('https://evil.example/');
    expect(result.outcome).toBe('non-strict');
    expect(result.actual).toContain('redirected off-site to https://evil.example/');
  });

  it('delivers by GET and replays in a new context, as HTTP mode does', async () => {
    const r = await rig();
    const get = await runScenario(byId('bindings/3.5.4/get-delivery'), 'idp-initiated', r.env());
    expect(get.evidence.spReply?.status).toBe(405);
    expect(get.outcome).toBe('pass');
    const replay = await runScenario(byId('profiles/4.1.4.5/replay'), 'sp-initiated', r.env(artifacts));
    expect(replay.outcome, replay.actual).toBe('pass');
    expect(replay.evidence.responseSent?.deliveries).toBe(2);
    // The first context's trace was written aside, then dropped when the scenario passed.
    const tmp = join(reportDir, 'a', '.tmp');
    expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
  });
});

describe('BrowserTarget: what only a browser can judge', () => {
  it('a SameSite=Lax login cookie: the SP refuses, and the result names the cookie and the fix', async () => {
    const r = await rig({ cookie: { sameSite: 'Lax' } });
    // Screenshots for failures only (the default): taken after the probe, of the SP's answer shown again.
    const result = await runScenario(
      byId(BASELINE),
      'sp-initiated',
      r.env({ ...artifacts, screenshots: 'failures' }),
    );
    expect(result.outcome).toBe('fail');
    const shot = result.evidence.artifacts?.find((a) => a.endsWith('.jpg'));
    expect(shot).toBeDefined();
    expect(readFileSync(join(reportDir, shot!)).subarray(0, 3)).toEqual(JPEG);
    expect(result.evidence.spReply?.status).toBe(403);
    expect(result.actual).toContain('cookie refsp_login');
    expect(result.actual).toContain('SameSite=Lax');
    expect(result.actual).toContain('SameSite=None; Secure');
    const trace = result.evidence.artifacts?.find((a) => a.endsWith('.trace.zip'));
    expect(trace).toBeDefined();
    expect(existsSync(join(reportDir, trace!))).toBe(true);
  });

  it('signs in on the mock IdP page by typing and clicking; strict SP passes, SameSite=Lax SP fails', async () => {
    const strict = await rig();
    const ok = await runScenario(byId(INTERACTIVE), 'sp-initiated', strict.env());
    expect(ok.outcome, ok.actual).toBe('pass');
    expect(strict.idpHits.some((h) => h.startsWith('GET /') && h.includes('/saml2?SAMLRequest='))).toBe(true);
    expect(strict.idpHits.some((h) => /^POST \/[^/]+\/login$/.test(h))).toBe(true);
    expect(ok.evidence.responseSent?.xml).toContain('B.Simon@contoso.com');

    const lax = await rig({ cookie: { sameSite: 'Lax' } });
    const refused = await runScenario(byId(INTERACTIVE), 'sp-initiated', lax.env());
    expect(refused.outcome).toBe('fail');
    expect(refused.actual).toContain('cookie refsp_login');
    expect(refused.actual).toContain('SameSite=None; Secure');
  });
});
