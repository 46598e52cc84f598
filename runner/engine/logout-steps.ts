/**
 * @module The steps of a single logout scenario (scenarios/entra/logout.ts), in HTTP mode: sign a user in
 * (runner/engine/logout-sign-in.ts), open the SP's sign-out page and capture its LogoutRequest where the SP
 * hands the browser to the IdP (never following it off the SP), check that request as Entra would plus what SAML asks of it, let the
 * mock answer with Entra's LogoutResponse (or one changed one way), deliver it, and ask the oracle whether
 * the session survived. IdP-initiated LogoutRequests (genuine or forged) are built by the mock and delivered
 * to the SP's SLO URL from another browser or the user's own.
 */
import {
  AadstsError,
  buildIdpLogoutRequest,
  buildLogoutResponse,
  findLogoutApp,
  parseLogoutRequest,
  parseRedirectQuery,
  parseXml,
  STATUS,
  verifyRedirectSignature,
  type LogoutResponseOverrides,
  type ParsedLogoutRequest,
} from '../../mock-idp/internal.js';
import type { Evidence, Verdict } from '../../reports/types.js';
import type { LogoutStimulus } from '../../scenarios/types.js';
import { HarnessError } from '../errors.js';
import type { LoginStart, SpReply } from '../targets/types.js';
import { clip } from './deliver-and-judge.js';
import { isSignedIn, signInForLogout, type LogoutSetup, type SessionFacts } from './logout-sign-in.js';
import type { RunEnvironment } from './run-environment.js';
import { decodeLogin } from './start-flow.js';

export type { LogoutSetup, SessionFacts } from './logout-sign-in.js';

/** How one logout step ended: the session verdict after it, or why it could not be taken. */
export type StepResult =
  | { kind: 'judged'; verdict: Verdict; problems: string[]; endedAtStart?: boolean }
  | {
      kind: 'not-run';
      why: string;
      problems: string[];
      outcome: 'fail' | 'skipped' | 'inconclusive' | 'info';
    };

/**
 * The SP's LogoutRequest checked as Entra reads it (ID, Version, IssueInstant, Issuer = an Identifier) and
 * as SAML asks (Profiles §4.4.4.1: the session's NameID and SessionIndex; Bindings §3.4.5.2: Destination;
 * a signature that verifies with the SP's metadata certificate, and one at all if it says it signs).
 */
export function checkSpLogoutRequest(
  login: LoginStart,
  setup: LogoutSetup,
  facts: SessionFacts,
): { request: ParsedLogoutRequest | undefined; xml: string; problems: string[] } {
  const problems: string[] = [];
  if (login.binding !== 'redirect')
    problems.push('sent by HTTP-POST: Entra takes LogoutRequests by HTTP-Redirect only');
  let xml: string;
  try {
    xml = decodeLogin(login).xml;
  } catch (error) {
    return { request: undefined, xml: '', problems: [...problems, (error as Error).message] };
  }
  let request: ParsedLogoutRequest | undefined;
  try {
    request = parseLogoutRequest(xml);
    findLogoutApp(request, setup.env.idp.tenant);
  } catch (error) {
    if (!(error instanceof AadstsError)) throw error;
    problems.push(`Entra would refuse it: ${error.message}`);
    return { request: undefined, xml, problems };
  }
  if (request.nameId !== facts.nameId)
    problems.push(
      `NameID ${JSON.stringify(request.nameId)} is not the session's ${JSON.stringify(facts.nameId)}`,
    );
  if (facts.sessionIndex !== undefined && !request.sessionIndexes.includes(facts.sessionIndex))
    problems.push(
      'no SessionIndex of the session (a session participant MUST include one, Profiles §4.4.4.1)',
    );
  const signed = login.binding === 'redirect' && /(^|&)Signature=/.test(login.rawQuery ?? '');
  const destination = parseXml(xml).documentElement?.getAttribute('Destination') || undefined;
  if (destination !== undefined && destination !== setup.idpSloUrl)
    problems.push(`Destination ${destination} is not the IdP's SingleLogoutService ${setup.idpSloUrl}`);
  if (destination === undefined && signed) problems.push('signed without a Destination (Bindings §3.4.5.2)');
  if (signed) {
    try {
      verifyRedirectSignature(parseRedirectQuery(login.rawQuery ?? ''), {
        required: true,
        allowSha1: false,
        certificates: setup.sp.signingCertificates,
      });
    } catch {
      problems.push("its query-string signature does not verify with the SP metadata's signing certificate");
    }
  } else if (setup.sp.authnRequestsSigned) {
    problems.push('unsigned, though the SP metadata says it signs its requests (AuthnRequestsSigned)');
  }
  return { request, xml, problems };
}

/** The LogoutResponse change of a `logout-response` stimulus, as mock overrides. */
export function responseOverrides(
  change: Extract<LogoutStimulus, { kind: 'logout-response' }>['change'],
  env: RunEnvironment,
): LogoutResponseOverrides {
  switch (change) {
    case 'unsigned':
      return { sign: false };
    case 'other-request':
      return { inResponseTo: env.idp.ids.samlId() };
    case 'other-issuer':
      return { issuer: `https://sts.windows.net/${env.idp.otherTenant.tenant.tenantId}/` };
    case 'not-success':
      return { status: STATUS.responder };
  }
}

/**
 * SP-initiated logout: sign in, open the logout URL, check the LogoutRequest, answer it (as Entra, or
 * changed by `overrides`), deliver the answer and judge the session. `endedAtStart`: the SP had already
 * ended the session before any answer came.
 */
export async function spInitiatedLogout(
  setup: LogoutSetup,
  evidence: Evidence,
  overrides?: LogoutResponseOverrides,
): Promise<StepResult> {
  const { env } = setup;
  const signedIn = await signInForLogout(setup, evidence);
  const { target, identities } = signedIn;
  try {
    if (!isSignedIn(signedIn.verdict))
      return notRun(
        'inconclusive',
        `the baseline sign-in before logout failed (${signedIn.verdict.because})`,
      );
    let login: LoginStart;
    try {
      login = await target.startLogout!(setup.logoutUrl);
    } catch (error) {
      if (error instanceof HarnessError && error.code === 'TARGET_UNREACHABLE')
        return notRun(
          overrides ? 'skipped' : 'fail',
          `the SP sent no LogoutRequest to Entra: ${error.message}`,
        );
      throw error;
    }
    const checked = checkSpLogoutRequest(login, setup, signedIn.facts);
    evidence.logoutRequest = { xml: clip(checked.xml), problems: checked.problems };
    if (!checked.request)
      return notRun(
        'fail',
        `Entra cannot answer the SP's LogoutRequest: ${checked.problems.join('; ')}`,
        checked.problems,
      );
    // Before any answer: did the SP end the session at once (Profiles §4.4.3.1 allows it)? The probe
    // oracle reads its own page; the reply handed to it is that page too (never the logout URL again).
    const probeUrl = requireProbe(env);
    const mid = await env.oracle.judge({
      reply: await target.fetchPage(probeUrl),
      target,
      identities,
    });
    const endedAtStart = mid.verdict.login === 'rejected';
    const app = env.idp.app;
    const answer = buildLogoutResponse({
      request: checked.request,
      app,
      tenantId: env.idp.tenant.tenant.tenantId,
      loginBase: setup.idpBaseUrl,
      relayState: login.relayState,
      signingKey: env.idp.tenant.signingMaterial(app).privateKey,
      ids: env.idp.ids,
      now: env.now(),
      overrides,
    });
    if (answer.kind !== 'redirect')
      return notRun(
        overrides ? 'skipped' : 'fail',
        "Entra has no Logout URL for this app (the SP's metadata names no HTTP-Redirect SingleLogoutService), so it shows its own signed-out page and the SP never gets a LogoutResponse",
        checked.problems,
      );
    evidence.responseSent = logoutMessageEvidence(evidence, answer.xml, answer.url, login.relayState);
    const reply = await target.fetchPage(answer.url);
    const judged = await env.oracle.judge({ reply, target, identities });
    evidence.spReply = reply;
    evidence.probe = judged.probe;
    return { kind: 'judged', verdict: judged.verdict, problems: checked.problems, endedAtStart };
  } finally {
    await signedIn.close();
  }
}

/**
 * An IdP-initiated LogoutRequest for the baseline user's session: signed by the IdP, unsigned, or signed
 * with a key the SP never had; delivered from another browser or through the user's own (logout CSRF).
 */
export async function idpInitiatedLogout(
  setup: LogoutSetup,
  evidence: Evidence,
  stimulus: Extract<LogoutStimulus, { kind: 'idp-logout-request' }>,
): Promise<StepResult> {
  const { env } = setup;
  const app = env.idp.app;
  if (!app.logoutUrl)
    return notRun(
      'skipped',
      "the SP's metadata names no HTTP-Redirect SingleLogoutService (Entra's Logout URL): Entra sends it no LogoutRequests",
    );
  const signedIn = await signInForLogout(setup, evidence);
  const { target, identities } = signedIn;
  const other = stimulus.from === 'other-browser' ? env.createTarget() : undefined;
  try {
    if (!isSignedIn(signedIn.verdict))
      return notRun(
        'inconclusive',
        `the baseline sign-in before logout failed (${signedIn.verdict.because})`,
      );
    const key =
      stimulus.signing === 'idp'
        ? env.idp.tenant.signingMaterial(app).privateKey
        : stimulus.signing === 'unknown-key'
          ? env.idp.attacker.privateKey
          : undefined;
    const request = buildIdpLogoutRequest({
      app,
      tenantId: env.idp.tenant.tenant.tenantId,
      loginBase: setup.idpBaseUrl,
      destination: app.logoutUrl,
      ...signedIn.facts,
      id: env.idp.ids.samlId(),
      now: env.now(),
      signingKey: key,
    });
    evidence.responseSent = logoutMessageEvidence(evidence, request.xml, request.url, undefined);
    const reply: SpReply = await (other ?? target).fetchPage(request.url);
    const judged = await env.oracle.judge({ reply, target, identities });
    evidence.spReply = reply;
    evidence.probe = judged.probe;
    return { kind: 'judged', verdict: judged.verdict, problems: [] };
  } finally {
    await signedIn.close();
    await other?.close().catch(() => undefined);
  }
}

/** The logout phase needs the session probe (--probe): landing-page oracles cannot see a session end. */
export function requireProbe(env: RunEnvironment): string {
  const probeUrl = env.oracle.probeUrl;
  if (probeUrl === undefined)
    throw new HarnessError('NOT_APPLICABLE', 'single logout needs the session probe (--probe)');
  return probeUrl;
}

function notRun(
  outcome: 'fail' | 'skipped' | 'inconclusive' | 'info',
  why: string,
  problems: string[] = [],
): StepResult {
  return { kind: 'not-run', outcome, why, problems };
}

/**
 * The logout message as the evidence keeps it, beside the sign-in's baseline response: read (and built) only
 * if a report shows this result in full, as for every sent response (deliver-and-judge.ts).
 */
function logoutMessageEvidence(
  evidence: Evidence,
  xml: string,
  url: string,
  relayState: string | undefined,
): NonNullable<Evidence['responseSent']> {
  const signIn = evidence.responseSent;
  return {
    xml: clip(xml),
    get baselineXml() {
      return signIn?.baselineXml ?? '';
    },
    acsUrl: url,
    relayState,
    deliveries: 1,
  };
}
