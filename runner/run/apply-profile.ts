/**
 * @module Applies an SP profile (scenarios/sp-profiles) to a run: the enterprise app set up as the
 * product's Entra tutorial says (NameID source and format, Relay State), the tutorial's URL rules checked
 * against the SP's Identifier and Reply URL, the flows the product supports, the scenarios whose level
 * differs for it or that do not apply, and how the product takes the IdP's settings (for the report).
 */
import type { EnterpriseApp, EnterpriseAppInput, DirectoryUser } from '../../mock-idp/internal.js';
import type { Scenario } from '../../scenarios/types.js';
import { SP_PROFILES, type SpProfile } from '../../scenarios/sp-profiles/index.js';
import type { UrlPattern } from '../../scenarios/sp-profiles/types.js';
import { HarnessError } from '../errors.js';
import type { RunConfig } from './run-config.js';

export function profileFor(config: RunConfig): SpProfile {
  return SP_PROFILES[config.sp.profile];
}

/**
 * The app settings the tutorial prescribes, laid over the app for the run only (never stored: the next run
 * on the same state starts from the app as configured). The generic profile changes nothing (the app keeps
 * what the state or the IdP config file says).
 */
export function profileAppPatch(
  profile: SpProfile,
  config: RunConfig,
  baselineUser: DirectoryUser | undefined,
): { patch: Partial<EnterpriseAppInput>; notes: string[] } {
  if (profile.name === 'generic') return { patch: {}, notes: [] };
  const notes: string[] = [];
  const { nameId } = profile.app;
  const noMail = baselineUser !== undefined && !baselineUser.mail;
  const source = noMail && nameId.sourceWhenNoMail ? nameId.sourceWhenNoMail : nameId.source;
  if (source !== nameId.source)
    notes.push(
      `profile ${profile.name}: the baseline user has no mail, so NameID = ${source} (the tutorial's choice for tenants without mailboxes)`,
    );
  const patch: Partial<EnterpriseAppInput> = { nameId: { source, format: nameId.format } };
  if (profile.app.relayState === 'instance-url') {
    if (config.sp.instanceUrl) patch.relayState = config.sp.instanceUrl;
    else
      notes.push(
        `profile ${profile.name}: no --instance-url, so IdP-initiated sign-in carries no Relay State (the tutorial sets the instance URL)`,
      );
  }
  return { patch, notes };
}

/** The tutorial's URL rules against what Entra got from the SP: a broken `required` rule stops the run. */
export function checkProfileUrls(profile: SpProfile, app: EnterpriseApp): string[] {
  const notes: string[] = [];
  const check = (what: string, rule: UrlPattern | undefined, url: string | undefined): void => {
    if (!rule || url === undefined) return;
    if (rule.required && !new RegExp(rule.required.pattern).test(url))
      throw new HarnessError(
        'BAD_CONFIG',
        `profile ${profile.name}: the ${what} ${url} does not match the tutorial's ${rule.example}: ${rule.required.because}`,
      );
    if (rule.path && !new RegExp(rule.path).test(pathOf(url)))
      notes.push(
        `profile ${profile.name}: the ${what} ${url} is not shaped like the tutorial's ${rule.example} (fine if your SP's paths differ)`,
      );
  };
  check('Identifier', profile.app.identifier, app.defaultIdentifier ?? app.identifiers[0]);
  check('Reply URL', profile.app.replyUrl, app.replyUrls[0]?.url);
  return notes;
}

/** Levels this product raises or lowers, said in the requirement so the report explains the change. */
export function applyProfileLevels(profile: SpProfile, scenarios: readonly Scenario[]): Scenario[] {
  return scenarios.map((scenario) => {
    const rule = profile.levels?.find(
      ({ match }) =>
        (match.prefix === undefined || scenario.id.startsWith(match.prefix)) &&
        (match.tag === undefined || (scenario.tags ?? []).includes(match.tag)),
    );
    if (!rule || (rule.level === scenario.level && (rule.expect ?? scenario.expect) === scenario.expect))
      return scenario;
    const expect = rule.expect ?? scenario.expect;
    const what =
      expect === scenario.expect
        ? `this is a ${rule.level.toUpperCase()}`
        : `the SP ${rule.level.toUpperCase()} ${expect === 'accept' ? 'sign the user in' : 'refuse it'}`;
    return {
      ...scenario,
      level: rule.level,
      expect,
      requirement: `${scenario.requirement} For ${profile.product} ${what}: ${rule.because}.`,
    };
  });
}

/** Why a scenario does not apply to this product, if it does not. */
export function profileSkipReason(profile: SpProfile, scenario: Scenario): string | undefined {
  const slo = profile.singleLogout;
  if (scenario.phase === 'logout' && slo?.uses === false)
    return `${profile.product} does not use Entra's Logout URL (--profile ${profile.name}): ${slo.because}`;
  const rule = profile.notApplicable?.find((r) => scenario.id.startsWith(r.prefix));
  return rule
    ? `does not apply to ${profile.product} (--profile ${profile.name}): ${rule.because}`
    : undefined;
}

/** How to point the product at the mock IdP, as its tutorial does, for the report. */
export function profileSetupNotes(
  profile: SpProfile,
  idp: { metadataUrl: string; loginUrl: string; issuer: string; certificateUrl: string },
): string[] {
  const how = {
    'metadata-file': `give the SP the Federation Metadata XML file (download: ${idp.metadataUrl})`,
    'metadata-url': `give the SP the App Federation Metadata Url ${idp.metadataUrl}`,
    manual: `type into the SP: Login URL ${idp.loginUrl}, Microsoft Entra Identifier ${idp.issuer}, Certificate (Base64) from ${idp.certificateUrl}`,
  }[profile.idpSetup];
  return [
    `profile ${profile.name} (${profile.product}): ${how}`,
    ...profile.notes.map((note) => `profile ${profile.name}: ${note}`),
  ];
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
