/**
 * @module End to end: the positive and negative controls of the catalog (docs/contributing.md §3 "Tests"). The
 * strict reference SP passes every must and should; each naive or over-strict SP of
 * fixtures/sps/reference-sp/controls.ts fails exactly its `mustFail` over what it runs, in-process, HTTP
 * mode, 4 workers, no reports. The `mustFail` lists come from the scenarios' own `control` entries;
 * fixtures/sps/reference-sp/controls.test.ts checks that data (every non-info scenario names its
 * negative control or why none can fail it, every named control exists and runs it).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { scenarios } from '../../scenarios/index.js';
import { CONTROLS, type ControlSp } from '../../fixtures/sps/reference-sp/controls.js';
import { runCatalogOnReferenceSp } from './support/run-catalog.js';
import { diffFindings, harnessErrors, resultKey } from './support/findings.js';

/**
 * The two cases the plan skips for an SP that accepts unsolicited responses (Profiles §4.1.5), the
 * browser-only case that HTTP mode skips, and the refusals that prove nothing for this SP.
 */
const SKIPPED_FOR_STRICT = [
  // The reference SP keeps no accounts (the profile SPs do: runner/e2e/profiles.e2e.test.ts).
  ...[
    'second-login-same-account',
    'persistent-name-id-survives-email-change',
    'transient-name-id-not-an-account-key',
    'namesakes-get-separate-accounts',
  ].flatMap((slug) => [`lifecycle/account/${slug}@sp-initiated`, `lifecycle/account/${slug}@idp-initiated`]),
  'profiles/4.1.4.3/in-response-to-missing@sp-initiated',
  'profiles/4.1.5/unsolicited-to-sp-initiated-only@idp-initiated',
  'browser/samesite/sp-initiated-cross-site-sign-in@sp-initiated',
  // Signed by the Response only: "not applicable" to an SP that requires signed assertions, whose
  // baseline signed "Sign SAML response" is refused (no vacuous pass, runner/engine/no-vacuous-pass.ts).
  'profiles/4.1.4.2/no-assertion@sp-initiated',
  'profiles/4.1.4.2/no-assertion@idp-initiated',
  // No SLO route, so no --logout-url: the logout phase's positive control is strict-single-logout.
  ...scenarios.filter((s) => s.phase === 'logout').map((s) => `${s.id}@sp-initiated`),
];

describe('catalog controls: each SP against the catalog', () => {
  const wallTimes: string[] = [];
  afterAll(() => {
    if (wallTimes.length > 0) console.log(`catalog controls, wall time per SP:\n${wallTimes.join('\n')}`);
  });

  it.each(CONTROLS.map((c) => [c.name, c] as const))(
    '%s fails exactly its mustFail',
    async (_name, control: ControlSp) => {
      // xml-crypto's parser logs every unknown entity of the DTD cases to the console.
      for (const method of ['log', 'warn', 'error'] as const)
        vi.spyOn(console, method).mockImplementation(() => undefined);
      const { report, wallMs } = await runCatalogOnReferenceSp(control.options, control.run ?? {}).finally(
        () => vi.restoreAllMocks(),
      );
      wallTimes.push(`  ${control.name}: ${(wallMs / 1000).toFixed(1)} s, ${report.results.length} results`);
      expect(harnessErrors(report), `${control.name}: harness errors`).toEqual([]);
      if (control.calibration) {
        const found = Object.fromEntries(
          (report.calibration ?? []).map((c) => [c.flow, { status: c.status, option: c.option }]),
        );
        expect(found, `${control.name}: calibration`).toEqual(control.calibration);
      }
      expect(diffFindings(report, control.mustFail), `${control.name}: findings`).toEqual({
        unexpected: [],
        missing: [],
      });
      for (const result of report.results.filter((r) => r.level === 'info'))
        expect(['info', 'skipped'], resultKey(result)).toContain(result.outcome);
      if (control.name === 'strict') {
        // The positive control: all of the catalog in both flows, every must and should passed.
        const skipped = report.results.filter((r) => r.outcome === 'skipped').map(resultKey);
        expect(skipped.sort()).toEqual([...SKIPPED_FOR_STRICT].sort());
        expect(report.results.length).toBe(scenarios.reduce((n, s) => n + s.flows.length, 0));
        const notPassed = report.results.filter(
          (r) => r.level !== 'info' && r.outcome !== 'pass' && r.outcome !== 'skipped',
        );
        expect(notPassed.map(resultKey)).toEqual([]);
      }
    },
    120_000,
  );
});
