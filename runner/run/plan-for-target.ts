/**
 * @module The run's plan for what the target can do: the selected scenarios per flow (plan.ts), with the
 * SP profile's skips and, in HTTP mode, the scenarios only a real browser can judge skipped.
 */
import type { Scenario } from '../../scenarios/types.js';
import { BROWSER_ONLY_TAG } from '../../scenarios/browser/tags.js';
import { planRuns, type PlannedRun, type TargetCapabilities } from './plan.js';
import type { SpProfile } from '../../scenarios/sp-profiles/index.js';
import { profileSkipReason } from './apply-profile.js';
import type { RunConfig } from './run-config.js';

const BROWSER_ONLY_REASON =
  'only a real browser can judge it (SameSite cookie rules, the IdP sign-in page): run with --browser';

/** Plans `scenarios` for a target with the given capabilities (called again when calibration drops a flow). */
export function planForTarget(
  scenarios: readonly Scenario[],
  profile: SpProfile,
  mode: RunConfig['run']['mode'],
): (can: TargetCapabilities) => PlannedRun[] {
  return (can) =>
    skipBrowserOnly(
      planRuns(scenarios, can).map((run) =>
        run.skip ? run : { ...run, skip: profileSkipReason(profile, run.scenario) },
      ),
      mode,
    );
}

/** What the configured SP can be tested for: each flow, encryption, domain and account checks, logout. */
export function targetCapabilities(
  config: RunConfig,
  profile: SpProfile,
  sp: { encryptionCertificates: readonly unknown[] },
): TargetCapabilities {
  return {
    spInitiated: Boolean(config.sp.loginUrl),
    idpInitiated: config.sp.idpInitiated ?? profile.flows.idpInitiated,
    encryption: sp.encryptionCertificates.length > 0,
    spDomain: Boolean(config.sp.domain),
    accountId: Boolean(config.sp.accountPattern),
    logout: Boolean(config.sp.logoutUrl),
  };
}

/** HTTP mode cannot judge what only a browser does (SameSite cookies, the IdP's sign-in page). */
function skipBrowserOnly(plan: PlannedRun[], mode: RunConfig['run']['mode']): PlannedRun[] {
  if (mode === 'browser') return plan;
  return plan.map((run) =>
    run.skip || !(run.scenario.tags ?? []).includes(BROWSER_ONLY_TAG)
      ? run
      : { ...run, skip: BROWSER_ONLY_REASON },
  );
}
