/**
 * @module The run plan: every selected scenario in every flow it runs in, in catalog order, with the
 * ones the target cannot do marked skipped up front (and why).
 */
import type { Flow, Scenario } from '../../scenarios/types.js';

export interface TargetCapabilities {
  /** The SP has a login URL, so SP-initiated flows can start. */
  spInitiated: boolean;
  /** The SP accepts unsolicited (IdP-initiated) responses. */
  idpInitiated: boolean;
  /** The SP publishes an encryption certificate. */
  encryption: boolean;
  /** The SP's email domain is known (--sp-domain). */
  spDomain: boolean;
  /** The probe page's account id can be read (--account-pattern). */
  accountId: boolean;
  /** The page that starts the SP's sign-out is known (--logout-url); default false. */
  logout?: boolean | undefined;
}

/** Why the single logout scenarios did not run, when no logout URL was given. */
export const NO_LOGOUT_URL_REASON =
  "needs --logout-url (sp.logoutUrl): the SP's page that starts sign-out, to test single logout";

/** Scenarios that check an SP which accepts only SP-initiated sign-in refuses unsolicited responses. */
export const SP_INITIATED_ONLY_TAG = 'unsolicited-to-sp-initiated-only';

export interface PlannedRun {
  scenario: Scenario;
  flow: Flow;
  /** Why this run is skipped, if it is. */
  skip?: string | undefined;
  /** Why this run cannot be judged (calibration found no accepted baseline); set together with `skip`. */
  inconclusive?: string | undefined;
}

export function planRuns(scenarios: readonly Scenario[], can: TargetCapabilities): PlannedRun[] {
  return scenarios.flatMap((scenario) =>
    scenario.flows.map((flow) => ({ scenario, flow, skip: skipReason(scenario, flow, can) })),
  );
}

function skipReason(scenario: Scenario, flow: Flow, can: TargetCapabilities): string | undefined {
  // Named first: without the logout URL nothing else about these scenarios matters.
  if ((scenario.requires ?? []).includes('logout') && !can.logout) return NO_LOGOUT_URL_REASON;
  if (flow === 'sp-initiated' && !can.spInitiated)
    return 'the SP has no login URL for SP-initiated sign-in (--login-url)';
  const forSpInitiatedOnly = (scenario.tags ?? []).includes(SP_INITIATED_ONLY_TAG);
  // Accepting unsolicited responses is conformant (Profiles §4.1.5): these cases apply only to SPs that don't.
  if (forSpInitiatedOnly && can.idpInitiated) {
    return 'the SP accepts unsolicited responses (Profiles §4.1.5 allows it; use --no-idp-initiated if it should not)';
  }
  if (flow === 'idp-initiated' && !forSpInitiatedOnly && !can.idpInitiated) {
    return 'the SP does not accept IdP-initiated sign-in';
  }
  for (const need of scenario.requires ?? []) {
    if (need === 'encryption' && !can.encryption) return 'the SP publishes no encryption certificate';
    if (need === 'sp-domain' && !can.spDomain) return "the SP's email domain is not given (--sp-domain)";
    if (need === 'idp-initiated' && !can.idpInitiated) return 'the SP does not accept IdP-initiated sign-in';
    if (need === 'account-id' && !can.accountId)
      return 'the account id the SP shows is not known (--account-pattern)';
  }
  return undefined;
}
