/**
 * @module Turning a parsed AuthnRequest into "whom to answer, where": the app by exact Issuer match, its
 * enabled flag, the request signature when the app requires one, and the ACS URL (docs/entra.md §3.2–3.3).
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { ALG, NS } from '../constants/namespaces.js';
import { toPem } from '../keys/signing-certificate.js';
import { defaultReplyUrl, replyUrlByIndex, type EnterpriseApp } from '../model/app.js';
import type { TenantState } from '../state/tenant-state.js';
import { childElements, descendants } from '../util/xml.js';
import { AadstsError } from './aadsts.js';
import { assertAuthnContextSatisfied, type ParsedAuthnRequest } from './authn-request.js';
import { parseSamlMessage, type RedirectQuery } from './decode-message.js';

/** How the AuthnRequest arrived; the raw forms are kept because signatures cover them. */
export type ReceivedRequest =
  | { binding: 'redirect'; query: RedirectQuery }
  | { binding: 'post'; xml: string; relayState?: string | undefined };

export interface ResolvedAuthnRequest {
  app: EnterpriseApp;
  /** A registered Reply URL of `app`; the only place a Response may be posted. */
  acsUrl: string;
  /** Entra's Audience is the Issuer of the request (one of the app's Identifiers). */
  audience: string;
  request: ParsedAuthnRequest;
  relayState?: string | undefined;
}

/**
 * Resolves the request against the tenant, in the order Entra appears to check: app, enabled,
 * signature, reply URL, then the authentication context (the mock signs users in by password only).
 * Every failure is an AadstsError for the error page: none of them yields a URL to post to.
 * @throws AadstsError 700016, 650056, 7000112, 76021, 50011, 75011
 */
export function resolveAuthnRequest(
  request: ParsedAuthnRequest,
  received: ReceivedRequest,
  state: TenantState,
): ResolvedAuthnRequest {
  const app = findAppByIssuer(request.issuer, state);
  if (!app.enabled) throw new AadstsError('7000112', { appId: app.appId, app: app.displayName });
  if (app.verification.required) {
    if (received.binding === 'redirect') verifyRedirectSignature(received.query, app.verification);
    else verifyPostSignature(received.xml, request.id, app.verification);
  }
  const acsUrl = resolveAcsUrl(app, request);
  assertAuthnContextSatisfied(request.requestedAuthnContext, 'password');
  const relayState = received.binding === 'redirect' ? received.query.relayState?.value : received.relayState;
  return { app, acsUrl, audience: request.issuer, request, relayState };
}

/**
 * The app whose Identifiers contain `issuer` exactly (case- and slash-sensitive, as Entra).
 * A near miss that differs only by trailing slashes is AADSTS650056 rather than 700016: that is what
 * Entra shows Sentry users whose Identifier lacks the slash Sentry sends (docs/entra.md §3.5, §7.2), and it
 * tells the tester the app exists but is misconfigured.
 * @throws AadstsError 650056 for a trailing-slash near miss, else 700016
 */
export function findAppByIssuer(issuer: string, state: TenantState): EnterpriseApp {
  const app = state.findAppByIdentifier(issuer);
  if (app) return app;
  const loose = withoutTrailingSlashes(issuer);
  const nearMiss = state
    .listApps()
    .some((a) => a.identifiers.some((id) => withoutTrailingSlashes(id) === loose));
  if (loose !== '' && nearMiss) throw new AadstsError('650056', { identifier: issuer });
  throw new AadstsError('700016', { identifier: issuer, tenant: state.tenant.tenantId });
}

function withoutTrailingSlashes(value: string): string {
  return value.replace(/\/+$/, '');
}

/**
 * AssertionConsumerServiceURL must equal a registered Reply URL exactly and is then honoured; an
 * AssertionConsumerServiceIndex selects the Reply URL with that index, falling back to the default
 * (docs/entra.md §3.2 [Conflict]); with neither, the default Reply URL. The URL wins when both are sent.
 * @throws AadstsError 50011 for an unregistered URL, or when no Reply URL is configured at all
 */
export function resolveAcsUrl(app: EnterpriseApp, request: ParsedAuthnRequest): string {
  if (request.acsUrl !== undefined) {
    if (app.replyUrls.some((r) => r.url === request.acsUrl)) return request.acsUrl;
    throw new AadstsError('50011', { replyUrl: request.acsUrl, app: request.issuer });
  }
  const byIndex = request.acsIndex === undefined ? undefined : replyUrlByIndex(app, request.acsIndex);
  const url = byIndex ?? defaultReplyUrl(app);
  if (url === undefined) throw new AadstsError('50011', { replyUrl: '', app: request.issuer });
  return url;
}

/** The app's "Verification certificates" settings. */
export type VerificationSettings = EnterpriseApp['verification'];

/**
 * HTTP-Redirect: `Signature` over `SAMLRequest=..&RelayState=..&SigAlg=..` built from the parameters
 * exactly as they appeared in the URL (bindings §3.4.4.1). Re-encoding the decoded values would
 * reject SPs that percent-encode differently, and accept bytes the SP never signed.
 * @throws AadstsError 76021 when unsigned, the algorithm is not allowed or no certificate verifies it
 */
export function verifyRedirectSignature(query: RedirectQuery, settings: VerificationSettings): void {
  const { samlRequest, relayState, sigAlg, signature } = query;
  if (!samlRequest || !sigAlg || !signature) throw notSigned('unsigned');
  const hash = allowedHash(sigAlg.value, settings);
  const octets = [
    `SAMLRequest=${samlRequest.raw}`,
    ...(relayState ? [`RelayState=${relayState.raw}`] : []),
    `SigAlg=${sigAlg.raw}`,
  ].join('&');
  const value = signature.value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) throw notSigned('signature-invalid');
  const signatureBytes = Buffer.from(value, 'base64');
  const data = Buffer.from(octets, 'utf8');
  const ok = verificationKeys(settings).some((key) => {
    try {
      return verify(hash, data, key, signatureBytes);
    } catch {
      return false;
    }
  });
  if (!ok) throw notSigned('signature-invalid');
}

/**
 * HTTP-POST: an enveloped XML signature on the AuthnRequest root, verified with xml-crypto against the
 * app's configured certificates only. KeyInfo is never used as a key source, or anyone could sign with
 * a key of their own and enclose its certificate. Exactly one Reference, to the root's ID, so the
 * signature covers the whole request and nothing else (no wrapping, no partial coverage).
 * @throws AadstsError 76021 when unsigned, the algorithm is not allowed or no certificate verifies it
 */
export function verifyPostSignature(xml: string, requestId: string, settings: VerificationSettings): void {
  const { document, root } = parseSamlMessage(xml);
  // The request the caller parsed must be the one whose signature is checked here.
  if (root.getAttribute('ID') !== requestId) throw notSigned('signature-invalid');
  const all = descendants(document, NS.ds, 'Signature');
  const enveloped = childElements(root, NS.ds, 'Signature');
  if (all.length === 0) throw notSigned('unsigned');
  if (all.length !== 1 || enveloped.length !== 1) throw notSigned('signature-invalid');
  const signatureNode = enveloped[0]!;
  const ok = verificationKeys(settings).some((key) => {
    const signed = new SignedXml({ publicCert: key, getCertFromKeyInfo: () => null });
    try {
      signed.loadSignature(signatureNode);
      // xml-crypto takes the first SignatureMethod anywhere under Signature; insist it is SignedInfo's.
      const signedInfo = childElements(signatureNode, NS.ds, 'SignedInfo')[0];
      const method =
        signedInfo && childElements(signedInfo, NS.ds, 'SignatureMethod')[0]?.getAttribute('Algorithm');
      if (!method || method !== signed.signatureAlgorithm) return false;
      allowedHash(method, settings);
      const references = signed.getReferences();
      const [reference] = references;
      if (references.length !== 1 || !reference || reference.uri !== `#${requestId}`) return false;
      if (!allowedDigests(settings).includes(reference.digestAlgorithm)) return false;
      return signed.checkSignature(xml);
    } catch (error) {
      if (error instanceof AadstsError) throw error;
      return false; // xml-crypto throws for bad signature values, unknown algorithms, duplicate IDs
    }
  });
  if (!ok) throw notSigned('signature-invalid');
}

/** RSA-SHA256 always; RSA-SHA1 only with "Allow requests signed with RSA-SHA1" (docs/entra.md §3.3). */
function allowedHash(sigAlg: string, settings: VerificationSettings): 'sha256' | 'sha1' {
  if (sigAlg === ALG.rsaSha256) return 'sha256';
  if (sigAlg === ALG.rsaSha1 && settings.allowSha1) return 'sha1';
  throw notSigned('algorithm-not-allowed');
}

function allowedDigests(settings: VerificationSettings): string[] {
  return settings.allowSha1 ? [ALG.sha256, ALG.sha1] : [ALG.sha256];
}

/** The configured certificates (PEM or bare base64 DER) as public keys; unreadable entries are skipped. */
function verificationKeys(settings: VerificationSettings): KeyObject[] {
  const keys: KeyObject[] = [];
  for (const certificate of settings.certificates) {
    try {
      keys.push(createPublicKey(certificate.includes('-----BEGIN') ? certificate : toPem(certificate)));
    } catch {
      // An unusable certificate verifies nothing; the request then fails as unsigned/invalid.
    }
  }
  if (keys.length === 0) throw notSigned('no-verification-certificate');
  return keys;
}

function notSigned(
  reason: 'unsigned' | 'signature-invalid' | 'algorithm-not-allowed' | 'no-verification-certificate',
): AadstsError {
  return new AadstsError('76021', { reason });
}
