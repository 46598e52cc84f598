/**
 * @module The certificate rollover phase's verdict rules (rollover-phase.ts runs the steps): a sign-in after
 * the two-certificate refresh counts only if the SP later takes the new certificate; a refusal of the retired
 * or never-published certificate passes only where the SP signs the baseline user in with the new one after
 * the refresh; an SP that keeps refusing the new certificate "will break at rollover" (with the date).
 */
import type { ScenarioResult } from '../../reports/types.js';
import { NOT_REFRESHED_TAG } from '../../scenarios/entra/certificates.js';
import type { Scenario } from '../../scenarios/types.js';

/** A sign-in after the two-certificate refresh proves the import only if the refresh is known to work. */
export function judgeListed(result: ScenarioResult, tookNew: boolean): ScenarioResult {
  if (result.outcome !== 'pass' || tookNew) return result;
  return {
    ...result,
    outcome: 'skipped',
    actual:
      'not judged: the SP signed the baseline user in, but it did not take the new certificate at the rollover either, so the refresh may not re-read the metadata at all',
  };
}

/** The baseline signed with the retired certificate: does the SP still sign anyone in with the old trust? */
export function retiredBaseline(): Scenario {
  return {
    id: 'rollover/retired-baseline',
    title: 'Sends the baseline response signed with the retired certificate',
    requirement:
      'Whether the SP still signs the baseline user in with the certificate it was configured with.',
    refs: [{ doc: 'entra-docs', section: 'Manage certificates for federated single sign-on' }],
    level: 'info',
    expect: 'accept',
    flows: ['sp-initiated', 'idp-initiated'],
    response: { signingCertificate: 'retired' },
    fix: 'Re-read the App Federation Metadata Url when Entra rolls the signing certificate over.',
  };
}

export interface RolloverState {
  /** The SP signs the baseline user in with the new active certificate after the refresh. */
  tookNew: boolean;
  /** It still signs the baseline user in with the retired certificate. */
  aliveOnRetired(): Promise<boolean>;
  /** When the certificate the SP was configured with expires (YYYY-MM-DD). */
  expires: string;
  /** Why the refresh after the switch failed, when the SP refused the new metadata (refreshAfterSwitch). */
  refusedNew?: string | undefined;
}

/** The verdict rules of the phase (see the module comment). */
export async function judgeAfterRollover(
  result: ScenarioResult,
  scenario: Scenario,
  state: RolloverState,
): Promise<ScenarioResult> {
  const refusedNew = state.refusedNew === undefined ? '' : ` (${state.refusedNew})`;
  const willBreak = `will break at rollover: after the refresh the SP still refuses responses signed with the new active certificate; it keeps working only until Entra's current certificate expires (${state.expires})${refusedNew}`;
  if ((scenario.tags ?? []).includes(NOT_REFRESHED_TAG)) {
    const refused = !state.tookNew;
    return {
      ...result,
      actual: refused
        ? willBreak
        : 'the SP signs the baseline user in with the new active certificate after the refresh: it follows a rollover',
    };
  }
  if (result.outcome === 'fail' && state.refusedNew !== undefined)
    return { ...result, actual: `${result.actual}${refusedNew}` };
  if (state.tookNew || scenario.expect === 'accept' || result.outcome === 'fail') return result;
  // A refusal of an old or unknown certificate, by an SP that also refuses the new one: proves nothing.
  if (result.outcome !== 'pass' && result.outcome !== 'skipped') return result;
  if (await state.aliveOnRetired())
    return {
      ...result,
      outcome: 'skipped',
      actual: `not judged: ${willBreak} (entra/certificates/not-refreshed)`,
    };
  const why =
    'not judged: after the refresh the SP signs the baseline user in with neither the new active certificate nor the retired one';
  return {
    ...result,
    outcome: 'inconclusive',
    actual: why,
    error: { code: 'ORACLE_INCONCLUSIVE', message: why },
  };
}

/** The expired-certificate observation, in words a reader can act on. */
export function describeExpired(result: ScenarioResult): ScenarioResult {
  const login = result.verdict?.login;
  if (login === 'accepted')
    return {
      ...result,
      actual:
        "the SP signs the baseline user in with a response signed by an expired certificate, as Entra sends once an app's only certificate has lapsed: it does not check the IdP certificate's validity (sign-in keeps working; SIG-12 policy)",
    };
  if (login === 'rejected')
    return {
      ...result,
      actual:
        "the SP refuses responses signed with an expired certificate: if the admin lets the app's certificate lapse without a rollover, sign-in stops (Entra keeps signing with it)",
    };
  return result;
}
