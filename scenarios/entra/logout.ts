/**
 * @module Single logout with Entra (docs/entra.md §6): HTTP-Redirect both ways, Entra's LogoutResponse signed
 * in the query string with lowercase percent-encoding, and Entra's LogoutRequests to the other participants
 * of a session. These run in the logout phase after the main catalog (runner/run/logout-phase.ts) and need
 * the SP's logout URL (--logout-url). The expectation is read on the session after the logout step:
 * `reject` means the baseline user's session must be gone, `accept` that it must still be there.
 */
import { defineScenarios } from '../define.js';
import type { SpecRef } from '../types.js';

const ENTRA_SLO: SpecRef = {
  url: 'https://learn.microsoft.com/en-us/entra/identity-platform/single-sign-out-saml-protocol',
  title: 'Single sign-out SAML protocol (Microsoft Entra)',
};
const LOGOUT_REQUEST_USAGE: SpecRef = { doc: 'saml-profiles', section: '4.4.4.1' };
const LOGOUT_RESPONSE_USAGE: SpecRef = { doc: 'saml-profiles', section: '4.4.4.2' };
const REDIRECT_SIGNING: SpecRef = { doc: 'saml-bindings', section: '3.4.4.1' };
const STATUS_RESPONSE: SpecRef = { doc: 'saml-core', section: '3.2.2' };

/** Every logout scenario: the SP-initiated session of the logout phase, given the SP's logout URL. */
const IN_LOGOUT_PHASE = {
  phase: 'logout',
  flows: ['sp-initiated'],
  requires: ['logout'],
} as const;
const tags = ['single-logout'];
const VERIFY_LOGOUT_RESPONSE =
  "Verify the LogoutResponse's query-string signature over the raw query with the IdP certificate, and end the session only for a Success answer from the IdP to a logout this browser started.";
const VERIFY_LOGOUT_REQUEST =
  "Require and verify the IdP's query-string signature on every LogoutRequest (over the raw query, with the IdP certificate) before ending any session.";

export default defineScenarios('entra/logout', [
  {
    slug: 'sp-initiated-logout',
    title:
      "Opens the SP's logout URL after sign-in, checks the LogoutRequest it sends Entra, and returns Entra's signed LogoutResponse",
    requirement:
      "The SP's LogoutRequest MUST carry its Issuer, the session's NameID and SessionIndex and Entra's Destination (signed, if the SP signs requests), and after Entra's LogoutResponse the session MUST be gone.",
    fix: "Send a LogoutRequest by HTTP-Redirect to Entra's SingleLogoutService with your entity ID, the NameID as received and the SessionIndex; verify Entra's LogoutResponse over the raw query (lowercase encoding) and end the session.",
    refs: [LOGOUT_REQUEST_USAGE, { doc: 'saml-core', section: '3.7.1' }, ENTRA_SLO],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-slo-no-session-index' }],
    ...IN_LOGOUT_PHASE,
    logout: { kind: 'sp-initiated' },
    tags,
  },
  {
    slug: 'logout-response-unsigned',
    title: "Answers the SP's LogoutRequest with Entra's LogoutResponse without SigAlg and Signature",
    requirement:
      'The IdP MUST authenticate its LogoutResponse (over HTTP-Redirect: the query-string signature); the SP MUST NOT end or change the session on an unsigned one.',
    fix: VERIFY_LOGOUT_RESPONSE,
    refs: [LOGOUT_RESPONSE_USAGE, REDIRECT_SIGNING],
    level: 'must',
    expect: 'accept',
    control: [{ sp: 'naive-slo-unsigned-logout-response' }],
    ...IN_LOGOUT_PHASE,
    logout: { kind: 'logout-response', change: 'unsigned' },
    tags: [...tags, 'signature'],
  },
  {
    slug: 'logout-response-other-request',
    title:
      "Answers the SP's LogoutRequest with a signed LogoutResponse whose InResponseTo names another request",
    requirement:
      'The SP MUST NOT end or change the session on a LogoutResponse that answers a request this browser did not send.',
    fix: VERIFY_LOGOUT_RESPONSE,
    refs: [STATUS_RESPONSE, LOGOUT_RESPONSE_USAGE],
    level: 'must',
    expect: 'accept',
    control: [{ sp: 'naive-slo-no-logout-in-response-to-check' }],
    ...IN_LOGOUT_PHASE,
    logout: { kind: 'logout-response', change: 'other-request' },
    tags: [...tags, 'in-response-to'],
  },
  {
    slug: 'logout-response-other-issuer',
    title:
      "Answers the SP's LogoutRequest with a LogoutResponse signed by Entra's key but issued by another tenant",
    requirement:
      "The SP MUST NOT end or change the session on a LogoutResponse whose Issuer is not the IdP's entity ID.",
    fix: "Require the LogoutResponse's Issuer to equal the IdP entity ID of your Entra configuration, as for sign-in responses.",
    refs: [LOGOUT_RESPONSE_USAGE, STATUS_RESPONSE],
    level: 'must',
    expect: 'accept',
    control: [{ sp: 'naive-slo-no-logout-issuer-check' }],
    ...IN_LOGOUT_PHASE,
    logout: { kind: 'logout-response', change: 'other-issuer' },
    tags: [...tags, 'issuer'],
  },
  {
    slug: 'logout-response-not-success',
    title:
      "Answers the SP's LogoutRequest with a signed LogoutResponse whose status is Responder (logout failed)",
    requirement:
      'The SP SHOULD NOT treat a LogoutResponse that reports failure as a completed logout: the IdP session is still alive.',
    fix: 'Read the top-level StatusCode: only Success completes the logout. On failure tell the user that the Entra session may still be active.',
    note: 'Ending the local session anyway is the safe side for the user, but the SP then reports a logout that did not happen at Entra.',
    refs: [{ doc: 'saml-core', section: '3.7.3.2' }, STATUS_RESPONSE],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'naive-slo-ignore-logout-status' }],
    ...IN_LOGOUT_PHASE,
    logout: { kind: 'logout-response', change: 'not-success' },
    tags: [...tags, 'status'],
  },
  {
    slug: 'idp-logout-request',
    title:
      "Sends Entra's signed LogoutRequest for the signed-in user's session through the user's browser, as Entra redirects it",
    requirement:
      'The SP SHOULD end the session a genuine, IdP-signed LogoutRequest names (Entra sends one to every other participant of the session).',
    fix: "Accept Entra's signed LogoutRequest at your SLO endpoint (HTTP-Redirect), verify it, end the sessions of that NameID and SessionIndex, and answer with a LogoutResponse.",
    refs: [LOGOUT_REQUEST_USAGE, { doc: 'saml-core', section: '3.7.3.2' }, ENTRA_SLO],
    level: 'should',
    expect: 'reject',
    control: [{ sp: 'naive-slo-ignore-idp-logout-request' }],
    ...IN_LOGOUT_PHASE,
    logout: { kind: 'idp-logout-request', signing: 'idp', from: 'own-browser' },
    tags,
  },
  {
    slug: 'forged-logout-request-unsigned',
    title:
      "Sends the SP an unsigned LogoutRequest naming another user's session, from the attacker's browser",
    requirement: 'The SP MUST NOT end a session on a LogoutRequest that carries no valid IdP signature.',
    fix: VERIFY_LOGOUT_REQUEST,
    refs: [LOGOUT_REQUEST_USAGE, REDIRECT_SIGNING],
    level: 'must',
    expect: 'accept',
    control: [{ sp: 'naive-slo-unverified-logout-request' }],
    ...IN_LOGOUT_PHASE,
    logout: { kind: 'idp-logout-request', signing: 'none', from: 'other-browser' },
    tags: [...tags, 'signature'],
  },
  {
    slug: 'forged-logout-request-unsigned-own-browser',
    title:
      "Sends an unsigned LogoutRequest for the user's session through the user's own browser (logout CSRF)",
    requirement:
      'The SP MUST NOT end a session on an unsigned LogoutRequest, also when it arrives with the session cookie (a cross-site link or image).',
    fix: VERIFY_LOGOUT_REQUEST,
    refs: [LOGOUT_REQUEST_USAGE, REDIRECT_SIGNING],
    level: 'must',
    expect: 'accept',
    control: [{ sp: 'naive-slo-unverified-logout-request' }],
    ...IN_LOGOUT_PHASE,
    logout: { kind: 'idp-logout-request', signing: 'none', from: 'own-browser' },
    tags: [...tags, 'signature'],
  },
  {
    slug: 'forged-logout-request-unknown-key',
    title:
      "Sends the SP a LogoutRequest naming another user's session, signed with a key the SP was never given",
    requirement: 'The SP MUST verify a LogoutRequest only with the IdP certificate it was configured with.',
    fix: VERIFY_LOGOUT_REQUEST,
    refs: [LOGOUT_REQUEST_USAGE, REDIRECT_SIGNING],
    level: 'must',
    expect: 'accept',
    control: [{ sp: 'naive-slo-unverified-logout-request' }],
    ...IN_LOGOUT_PHASE,
    logout: { kind: 'idp-logout-request', signing: 'unknown-key', from: 'other-browser' },
    tags: [...tags, 'signature'],
  },
]);
