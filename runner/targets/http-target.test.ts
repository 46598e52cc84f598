/**
 * HTTP mode against a hostile SP (test-support/fault-sp.ts), with the network guard on: the runner
 * never leaves the origins it may contact (a trap server on loopback stands for "elsewhere"), and every
 * fault ends in a HarnessError with a code, within the time limit and without reading a runaway body.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HarnessError } from '../errors.js';
import { OriginPolicy } from '../http/origin-policy.js';
import { startFaultSp, startTrap, type FaultSp, type Trap } from '../../test-support/fault-sp.js';
import { useNetworkGuard } from '../../test-support/network-guard.js';
import { HttpTarget } from './http-target.js';

useNetworkGuard();

const IDP_LOGIN = 'http://127.0.0.1:9/00000000-0000-4000-8000-000000000001/saml2';
const TIMEOUT_MS = 600;

let sp: FaultSp;
let trap: Trap;
beforeAll(async () => {
  trap = await startTrap();
  sp = await startFaultSp({ idpLoginUrl: IDP_LOGIN });
});
afterAll(async () => {
  await sp.close();
  await trap.close();
});
afterEach(() => {
  for (const route of ['login', 'acs', 'probe'] as const) sp.setFault(route, undefined);
  expect(trap.hits, 'requests that reached another origin').toEqual([]);
});

const target = (): HttpTarget =>
  new HttpTarget({
    loginUrl: sp.loginUrl,
    idpLoginUrl: IDP_LOGIN,
    timeoutMs: TIMEOUT_MS,
    allowedOrigins: new OriginPolicy([sp.loginUrl, sp.acsUrl, sp.probeUrl, IDP_LOGIN]),
  });

async function harnessError(promise: Promise<unknown>): Promise<HarnessError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HarnessError);
  return error as HarnessError;
}

describe('startLogout', () => {
  // The fault SP's login route stands in for a logout page: it hands the browser to the IdP the same way.
  it('follows the sign-out page to the IdP and captures the LogoutRequest, never requesting the IdP', async () => {
    sp.setFault('login', { kind: 'redirect', to: `${IDP_LOGIN}?SAMLRequest=eA%3D%3D&SigAlg=a&Signature=b` });
    const logout = await target().startLogout(sp.loginUrl);
    expect([logout.binding, logout.samlRequest, logout.rawQuery]).toEqual([
      'redirect',
      'eA==',
      'SAMLRequest=eA%3D%3D&SigAlg=a&Signature=b',
    ]);
  });

  it('fails with TARGET_UNREACHABLE when the page ends the session locally and sends no LogoutRequest', async () => {
    sp.setFault('login', { kind: 'status', status: 200 });
    expect((await harnessError(target().startLogout(sp.loginUrl))).code).toBe('TARGET_UNREACHABLE');
  });

  it('does not follow a sign-out redirect off the origins it may contact', async () => {
    sp.setFault('login', { kind: 'redirect', to: `${trap.url}/phish` });
    expect((await harnessError(target().startLogout(sp.loginUrl))).code).toBe('OFF_ORIGIN');
  });
});

describe('startLogin', () => {
  it('follows the SP to the IdP and stops there', async () => {
    const login = await target().startLogin();
    expect(login.binding).toBe('redirect');
    expect(login.samlRequest).toBeTruthy();
  });

  it.each([
    ['another origin on this machine', () => `${trap.url}/phish`],
    ['another host', () => 'http://evil.example/login'],
    ['a host in the private network', () => 'http://10.0.0.1/admin'],
    ['a scheme-relative URL', () => '//evil.example/x'],
    ['a backslash URL browsers read as another host', () => '/\\evil.example/x'],
    ['javascript:', () => 'javascript:alert(1)'],
  ])('does not follow a redirect to %s, and says where it was', async (_name, to) => {
    sp.setFault('login', { kind: 'redirect', to: to() });
    const error = await harnessError(target().startLogin());
    expect(error.code).toBe('OFF_ORIGIN');
    expect(error.message).toContain(sp.loginUrl);
  });

  it.each([
    ['another path of the IdP', 'http://127.0.0.1:9/common/saml2?SAMLRequest=eA%3D%3D&RelayState=r'],
    [
      'the IdP spelled with an upper-case scheme',
      'HTTP://127.0.0.1:9/00000000-0000-4000-8000-000000000001/saml2?SAMLRequest=eA%3D%3D',
    ],
  ])('stops at %s: a hop to the IdP origin is the IdP (classifyHop), never requested', async (_name, to) => {
    sp.setFault('login', { kind: 'redirect', to });
    const login = await target().startLogin();
    expect(login.binding).toBe('redirect');
    expect(login.samlRequest).toBe('eA==');
  });

  it.each([
    ['a redirect loop', { kind: 'redirect-loop' } as const],
    ['a hang', { kind: 'hang' } as const],
    ['a reset mid-body', { kind: 'reset-mid-body' } as const],
    ['a 50 MB body', { kind: 'huge-body' } as const],
    ['a 50 MB body without Content-Length', { kind: 'huge-body', declared: false } as const],
    [
      'an endless trickle (the body read counts against the time limit)',
      { kind: 'slow', intervalMs: 50, endless: true } as const,
    ],
    ['a header flood', { kind: 'header-flood' } as const],
    ['a 500', { kind: 'status', status: 500 } as const],
  ])('fails on %s with TARGET_UNREACHABLE, in time', async (_name, fault) => {
    sp.setFault('login', fault);
    const started = Date.now();
    const error = await harnessError(target().startLogin());
    expect(error.code).toBe('TARGET_UNREACHABLE');
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 21 + 2000);
  });

  it('survives a cookie flood: the jar keeps a bounded number of cookies', async () => {
    sp.setFault('login', { kind: 'cookie-flood', count: 300, bytes: 1 });
    const login = await target().startLogin();
    expect(login.binding).toBe('redirect');
  });

  it('fails with TARGET_UNREACHABLE once the SP is gone', async () => {
    const dying = await startFaultSp({ idpLoginUrl: IDP_LOGIN, dieAfterRequests: 1 });
    const t = new HttpTarget({ loginUrl: dying.loginUrl, idpLoginUrl: IDP_LOGIN, timeoutMs: TIMEOUT_MS });
    await t.startLogin();
    expect((await harnessError(t.startLogin())).code).toBe('TARGET_UNREACHABLE');
    await dying.close();
  });
});

describe('deliver and fetchPage', () => {
  it('records a redirect off the ACS origin after the delivery and does not follow it', async () => {
    sp.setFault('acs', { kind: 'redirect', to: `${trap.url}/landing` });
    const reply = await target().deliver({ acsUrl: sp.acsUrl, samlResponse: 'PHg+' });
    expect(reply.status).toBe(302);
    expect(reply.offSiteRedirect).toBe(`${trap.url}/landing`);
  });

  it('reads a redirect to any page of the IdP after the delivery as back to the IdP, not off-site', async () => {
    sp.setFault('acs', { kind: 'redirect', to: 'http://127.0.0.1:9/common/oauth2/logout' });
    const reply = await target().deliver({ acsUrl: sp.acsUrl, samlResponse: 'PHg+' });
    expect(reply.status).toBe(302);
    expect(reply.offSiteRedirect).toBeUndefined();
  });

  it('never posts to an ACS URL off the origins it may contact', async () => {
    const error = await harnessError(target().deliver({ acsUrl: `${trap.url}/acs`, samlResponse: 'PHg+' }));
    expect(error.code).toBe('OFF_ORIGIN');
  });

  it('reads a probe redirect as it is, without following it', async () => {
    sp.setFault('probe', { kind: 'redirect', to: 'http://evil.example/login' });
    const reply = await target().fetchPage(sp.probeUrl);
    expect(reply.status).toBe(302);
    expect(reply.hops).toHaveLength(1);
  });

  it('keeps only an excerpt of a large reply, and fails on a runaway one', async () => {
    sp.setFault('probe', { kind: 'huge-body', bytes: 100_000 });
    const reply = await target().fetchPage(sp.probeUrl);
    expect(reply.bodyExcerpt.length).toBeLessThan(5000);
    sp.setFault('probe', { kind: 'huge-body' });
    expect((await harnessError(target().fetchPage(sp.probeUrl))).code).toBe('TARGET_UNREACHABLE');
  });
});
