/**
 * @module The sign-in before each single logout step. Each logout run signs in a user of its own, made for
 * the run in the mock directory and removed after it: many SPs find the session an IdP LogoutRequest ends
 * by NameID alone (mod_auth_mellon takes its cache's first session for the NameID), and the sessions of
 * earlier runs, refused forgeries above all, would otherwise stand in for this run's. With one user per
 * run, the session a LogoutRequest names is the only one that user has. An SP that signs only known
 * users in (no just-in-time accounts) refuses the new user; the step then signs the baseline user in.
 */
import { randomBytes } from 'node:crypto';
import { NS, parseXml, type DirectoryUser, type SpMetadata } from '../../mock-idp/internal.js';
import type { Evidence, Flow, Verdict } from '../../reports/types.js';
import { HarnessError } from '../errors.js';
import type { Identities } from '../oracles/types.js';
import type { SpTarget } from '../targets/types.js';
import { baselineScenario } from './calibrate.js';
import { responseSentEvidence, sentResponse } from './deliver-and-judge.js';
import type { RunEnvironment } from './run-environment.js';
import { addRunUser, removeRunUser } from './run-users.js';
import { buildScenarioResponse } from './scenario-response.js';
import { startFlow } from './start-flow.js';

/** What every logout step needs besides the run environment. */
export interface LogoutSetup {
  env: RunEnvironment;
  /** The flow the baseline user signs in with (calibrated). */
  flow: Flow;
  /** The SP's page that starts sign-out (--logout-url). */
  logoutUrl: string;
  /** The mock's base URL (stand-in for https://login.microsoftonline.com) and its SLO URL (the /saml2 URL). */
  idpBaseUrl: string;
  idpSloUrl: string;
  sp: Pick<SpMetadata, 'signingCertificates' | 'authnRequestsSigned'>;
  algorithm: 'sha256' | 'sha1';
}

/** The session the sign-in made, as the SP received it. */
export interface SessionFacts {
  nameId: string;
  nameIdFormat: string | undefined;
  sessionIndex: string | undefined;
}

export interface SignedIn {
  target: SpTarget;
  facts: SessionFacts;
  verdict: Verdict;
  /** Whom the oracle looks for: the signed-in user as `baseline`. */
  identities: Identities;
  /** Ends the browser and removes the run's own user. */
  close(): Promise<void>;
}

/**
 * Signs a user of the run's own in, in a fresh browser, signed as calibration found; the baseline user
 * where the SP does not sign the new one in. `verdict.identity` is `baseline` when the user signed in is
 * the one asked for.
 */
export async function signInForLogout(setup: LogoutSetup, evidence: Evidence): Promise<SignedIn> {
  const user = addLogoutUser(setup.env);
  let signedIn: SignedIn | undefined;
  try {
    signedIn = await signInAs(setup, evidence, user);
  } finally {
    if (!signedIn || !isSignedIn(signedIn.verdict)) removeRunUser(setup.env, user);
  }
  if (isSignedIn(signedIn.verdict))
    return { ...signedIn, close: () => signedIn.close().finally(() => removeRunUser(setup.env, user)) };
  await signedIn.close();
  return signInAs(setup, evidence, undefined);
}

async function signInAs(
  setup: LogoutSetup,
  evidence: Evidence,
  user: DirectoryUser | undefined,
): Promise<SignedIn> {
  const { env, flow } = setup;
  const option = env.baseline?.optionFor(flow);
  if (option === undefined)
    throw new HarnessError('ORACLE_INCONCLUSIVE', `the ${flow} flow signs nobody in (calibration)`);
  const target = env.createTarget();
  if (!target.startLogout) {
    await target.close().catch(() => undefined);
    throw new HarnessError('NOT_APPLICABLE', 'single logout is tested in HTTP mode only');
  }
  const close = (): Promise<void> => target.close().catch(() => undefined);
  try {
    const start = await startFlow(flow, target, env);
    const baseline = baselineScenario(option, setup.algorithm);
    const scenario = user
      ? { ...baseline, response: { ...baseline.response, user: user.objectId } }
      : baseline;
    const built = await buildScenarioResponse(scenario, start.target, env.idp, env.now(), option);
    const reply = await target.deliver({
      acsUrl: start.target.acsUrl,
      samlResponse: Buffer.from(built.xml, 'utf8').toString('base64'),
      relayState: start.relayState,
    });
    const who = { ...baselineIdentities(env), ...(user ? { baseline: user.userPrincipalName } : {}) };
    const { verdict } = await env.oracle.judge({ reply, target, identities: who });
    evidence.responseSent = responseSentEvidence(
      sentResponse(built, start.target.acsUrl, start.relayState),
      1,
    );
    return { target, facts: sessionFacts(built.xml), verdict, identities: who, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export function baselineIdentities(env: RunEnvironment): Identities {
  return {
    baseline: env.idp.tenant.requireUser(env.idp.baselineUser).userPrincipalName,
    victim: env.idp.victim,
  };
}

export function isSignedIn(verdict: Verdict): boolean {
  return verdict.login === 'accepted' && verdict.identity === 'baseline';
}

/** NameID (with its Format) and SessionIndex of the response that made the session. */
export function sessionFacts(responseXml: string): SessionFacts {
  const doc = parseXml(responseXml);
  const nameId = doc.getElementsByTagNameNS(NS.saml, 'NameID')[0];
  const authn = doc.getElementsByTagNameNS(NS.saml, 'AuthnStatement')[0];
  if (!nameId)
    throw new HarnessError('NOT_APPLICABLE', 'the baseline response carries no readable NameID (encrypted)');
  return {
    nameId: nameId.textContent ?? '',
    nameIdFormat: nameId.getAttribute('Format') ?? undefined,
    sessionIndex: authn?.getAttribute('SessionIndex') ?? undefined,
  };
}

/**
 * A copy of the baseline user under a new name, in the SP's domain. The lifecycle prefix: a run cut off
 * before it removes the user leaves it to the next run's clean-up (runner/run/prepare-idp.ts).
 */
/** A copy of the baseline user under a new name: claims the SP may need, and no mail where it has none. */
function addLogoutUser(env: RunEnvironment): DirectoryUser {
  const template = env.idp.tenant.requireUser(env.idp.baselineUser);
  const { objectId: _id, userPrincipalName: _upn, mail, ...rest } = template;
  return addRunUser(env, `logout-${randomBytes(4).toString('hex')}`, {
    ...rest,
    withMail: mail !== undefined,
    displayName: `${template.displayName} (logout)`,
  });
}
