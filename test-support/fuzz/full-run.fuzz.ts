/**
 * `npm run fuzz`: the long fuzzer run (default 10,000 requests, seed 1, 15 minutes at most), bounded by
 * SAMLSPEC_FUZZ_SEED, SAMLSPEC_FUZZ_COUNT and SAMLSPEC_FUZZ_TIME_MS. Writes bench/fuzz-results.json and
 * fails on any 5xx, hang, crash, unanswered request, form to an unregistered ACS URL or external fetch.
 */
import { writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { fuzzMockIdp } from './fuzz-mock-idp.js';

const env = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
};

const OUTPUT = new URL('../../bench/fuzz-results.json', import.meta.url);

it(
  'fuzzes the mock IdP',
  async () => {
    const results = await fuzzMockIdp({
      seed: env('SAMLSPEC_FUZZ_SEED', 1),
      count: env('SAMLSPEC_FUZZ_COUNT', 10_000),
      timeLimitMs: env('SAMLSPEC_FUZZ_TIME_MS', 15 * 60_000),
    });
    writeFileSync(OUTPUT, `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      `fuzz: ${results.requests} requests in ${results.durationMs} ms: ${results.responses5xx} 5xx, ${results.hangs} hangs, ${results.crashes} crashes, ${results.noResponse} without answer, ${results.formsToUnregisteredAcs} forms to unregistered ACS URLs, external fetches ${JSON.stringify(results.externalFetchesCaught)}, peak RSS ${results.peakRssMb} MB -> bench/fuzz-results.json`,
    );
    expect(results.examples).toEqual([]);
    expect(results.responses5xx + results.hangs + results.crashes + results.noResponse).toBe(0);
    expect(results.formsToUnregisteredAcs).toBe(0);
    expect(results.externalFetchesCaught).toEqual({ canaryHits: 0, blockedConnectionAttempts: 0 });
  },
  20 * 60_000,
);
