/**
 * @module End to end: the positive and negative controls of the catalog (docs/contributing.md §3 "Tests"). The
 * strict reference SP passes every must and should; each naive or over-strict SP of
 * fixtures/sps/reference-sp/controls.ts fails exactly its `mustFail` over what it runs, in-process, HTTP
 * mode, 4 workers, no reports. A data-only test checks that every non-info scenario has a negative
 * control (a control's mustFail, a recorded library-SP finding, or an explained NO_NEGATIVE_CONTROL).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { scenarios } from '../../scenarios/index.js';
import { CONTROLS, NO_NEGATIVE_CONTROL, type ControlSp } from '../../fixtures/sps/reference-sp/controls.js';
import { NODE_SAML_FINDINGS } from '../../fixtures/sps/node-saml-sp/expected-findings.js';
import { SAMLIFY_FINDINGS } from '../../fixtures/sps/samlify-sp/expected-findings.js';
import { runCatalogOnReferenceSp, scenarioIds } from './support/run-catalog.js';
import { diffFindings, harnessErrors, resultKey } from './support/findings.js';
import { MELLON_FINDINGS } from '../../fixtures/mellon/expected-findings.js';
import { PROFILE_VARIANTS } from '../../fixtures/sps/profile-sps/expected-findings.js';
import { KNOWN_VULNERABLE_FINDINGS } from '../../fixtures/known-vulnerable/pairs.js';

const NOT_TESTED_MD = new URL('../../scenarios/NOT-TESTED.md', import.meta.url);
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
  // baseline signed "Sign SAML response" is refused (no vacuous pass, runner/engine/run-scenario.ts).
  'profiles/4.1.4.2/no-assertion@sp-initiated',
  'profiles/4.1.4.2/no-assertion@idp-initiated',
  // No SLO route, so no --logout-url: the logout phase's positive control is strict-single-logout.
  ...scenarios.filter((s) => s.phase === 'logout').map((s) => `${s.id}@sp-initiated`),
];

const idOf = (key: string): string => key.slice(0, key.lastIndexOf('@'));
const catalogIds = new Set(scenarios.map((s) => s.id));
const negativeControls: ReadonlyArray<{ name: string; keys: readonly string[] }> = [
  ...CONTROLS.map((c) => ({ name: c.name, keys: c.mustFail })),
  { name: 'node-saml SP (recorded findings)', keys: NODE_SAML_FINDINGS },
  { name: 'samlify SP (recorded findings)', keys: SAMLIFY_FINDINGS },
  { name: 'mod_auth_mellon (recorded findings)', keys: MELLON_FINDINGS },
  // Real, published vulnerable library builds (fixtures/known-vulnerable/known-vulnerable.e2e.test.ts).
  { name: 'known-vulnerable corpus (vulnerable builds)', keys: KNOWN_VULNERABLE_FINDINGS },
  ...PROFILE_VARIANTS.map((v) => ({
    name: `${v.profile} SP --broken ${v.broken.join(',')}`,
    keys: v.mustFail,
  })),
];

describe('catalog controls: the data', () => {
  it('every non-info scenario is failed by some control, or says why none can', () => {
    const covered = new Set(negativeControls.flatMap((c) => c.keys.map(idOf)));
    const uncovered = scenarios
      .filter((s) => s.level !== 'info' && !covered.has(s.id) && !(s.id in NO_NEGATIVE_CONTROL))
      .map((s) => s.id);
    expect(uncovered, 'non-info scenarios without a negative control').toEqual([]);
    // The exemption list stays honest: nothing on it that a control does fail, or that is info.
    const exemptButCovered = Object.keys(NO_NEGATIVE_CONTROL).filter((id) => covered.has(id));
    expect(exemptButCovered, 'NO_NEGATIVE_CONTROL ids that a control fails after all').toEqual([]);
    const exemptInfo = scenarios.filter((s) => s.id in NO_NEGATIVE_CONTROL && s.level === 'info');
    expect(exemptInfo.map((s) => s.id)).toEqual([]);
  });

  it('every listed id names a scenario of the catalog, in a flow it runs in', () => {
    const flowsOf = new Map(scenarios.map((s) => [s.id, s.flows]));
    const bad = negativeControls.flatMap((c) =>
      c.keys
        .filter((key) => !flowsOf.get(idOf(key))?.some((flow) => key === `${idOf(key)}@${flow}`))
        .map((key) => `${c.name}: ${key}`),
    );
    const badExempt = Object.keys(NO_NEGATIVE_CONTROL).filter((id) => !catalogIds.has(id));
    expect([...bad, ...badExempt], 'renamed or unknown scenarios').toEqual([]);
  });

  it('every control has a unique name, no duplicate keys, and expects only what it runs', () => {
    expect(new Set(CONTROLS.map((c) => c.name)).size).toBe(CONTROLS.length);
    for (const control of CONTROLS) {
      expect(new Set(control.mustFail).size, control.name).toBe(control.mustFail.length);
      const selected = new Set(scenarioIds(control.run ?? {}));
      const outside = control.mustFail.filter((key) => !selected.has(idOf(key)));
      expect(outside, `${control.name}: mustFail outside its run`).toEqual([]);
    }
  });

  it('scenarios/NOT-TESTED.md lists every scenario without a negative control', () => {
    const text = readFileSync(NOT_TESTED_MD, 'utf8');
    const section = text.slice(text.indexOf('## Scenarios without a negative control'));
    const missing = Object.keys(NO_NEGATIVE_CONTROL).filter((id) => !section.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });
});

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
