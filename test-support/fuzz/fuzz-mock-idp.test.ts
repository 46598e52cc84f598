/**
 * The fuzzer's short run in CI (a few hundred requests, a few seconds): no 5xx, no hang, no crash, no
 * form to an unregistered ACS URL, no external fetch. `npm run fuzz` runs the long one and writes
 * bench/fuzz-results.json.
 */
import { describe, expect, it } from 'vitest';
import { fuzzMockIdp } from './fuzz-mock-idp.js';
import { nextRequest, seededRng, type FuzzContext } from './fuzz-inputs.js';

const CONTEXT: FuzzContext = {
  host: '127.0.0.1:1',
  tenantId: '11111111-2222-4333-8444-555555555555',
  appId: '22222222-2222-4333-8444-555555555555',
  appName: 'fuzz',
  scratchApp: 'fuzz-scratch',
  issuer: 'https://sp.fuzz.example/metadata',
  acsUrl: 'http://127.0.0.1:2/acs',
  certificateId: '33333333-2222-4333-8444-555555555555',
  canaryUrl: 'http://127.0.0.1:2',
  outsideUrl: 'http://198.51.100.7:9',
  sessionCookie: 'samlspec_sso_x',
  peopleIssuer: 'https://people.fuzz.example/metadata',
};

describe('mock IdP fuzzer', () => {
  it('generates the same requests from the same seed', () => {
    const run = (seed: number) => {
      const rng = seededRng(seed);
      return Array.from({ length: 50 }, () => nextRequest(rng, CONTEXT).raw.toString('base64'));
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('finds no 5xx, hang, crash, unregistered-ACS form or external fetch in a short run', async () => {
    const results = await fuzzMockIdp({
      seed: 20240601,
      count: 300,
      timeLimitMs: 20_000,
      requestTimeoutMs: 5000,
    });
    expect(results.requests).toBeGreaterThan(0);
    expect(results.examples).toEqual([]);
    expect(results.responses5xx).toBe(0);
    expect(results.hangs).toBe(0);
    expect(results.noResponse).toBe(0);
    expect(results.crashes).toBe(0);
    expect(results.formsToUnregisteredAcs).toBe(0);
    expect(results.externalFetchesCaught).toEqual({ canaryHits: 0, blockedConnectionAttempts: 0 });
    // The run reached the sign-in path, not only error pages.
    expect(results.formsToRegisteredAcs).toBeGreaterThan(0);
  }, 60_000);
});
