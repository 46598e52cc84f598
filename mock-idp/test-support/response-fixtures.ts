/**
 * @module Test helpers for signed responses: Entra content for a test-tenant user, the app's signing key,
 * and signature checks with xml-crypto that trust nothing but the given certificate.
 */
import { SignedXml } from 'xml-crypto';
import { NS } from '../constants/namespaces.js';
import type { EnterpriseApp } from '../model/app.js';
import type { DirectoryUser } from '../model/user.js';
import type { AssertionContent } from '../response/build-response.js';
import { buildClaims } from '../response/claims.js';
import { selectNameId } from '../response/name-id.js';
import type { SigningKey } from '../response/sign.js';
import type { TenantState } from '../state/tenant-state.js';
import { descendants, firstChildElement, parseXml, type Element } from '../util/xml.js';
import type { IdAttribute } from './xmlsec1.js';

export const ISSUER_OF = (tenantId: string): string => `https://sts.windows.net/${tenantId}/`;
export const AUTHN_INSTANT = new Date('2026-03-01T11:58:00.123Z');

/** What the IdP puts in the assertion for `user` signing in to `app` (SP-initiated unless overridden). */
export function contentFor(
  state: TenantState,
  app: EnterpriseApp,
  user: DirectoryUser,
  overrides: Partial<AssertionContent> = {},
): AssertionContent {
  const issuer = ISSUER_OF(state.tenant.tenantId);
  return {
    issuer,
    acsUrl: 'https://sp.example.com/acs',
    audience: 'https://sp.example.com/metadata',
    inResponseTo: '_4fee3b046395c4e751011e97f8900b5273d56685',
    nameId: selectNameId({ tenant: state.tenant, app, user, pairwiseSecret: state.pairwiseSecret() }),
    claims: buildClaims({ tenant: state.tenant, app, user, issuer, groups: (id) => state.findGroup(id) }),
    authnInstant: AUTHN_INSTANT,
    ...overrides,
  };
}

export function signingKeyOf(state: TenantState, app: EnterpriseApp): SigningKey {
  const { privateKey, certificatePem } = state.signingMaterial(app);
  return { privateKey, certificatePem };
}

/** xmlsec1 reads no schema: these make Response/@ID and Assertion/@ID resolvable as `#id` targets. */
export const SAML_ID_ATTRS: readonly IdAttribute[] = [
  { ns: NS.samlp, localName: 'Response' },
  { ns: NS.saml, localName: 'Assertion' },
];

/** The Signature child of the Response, or of the Assertion (wherever it is: xmlsec1 decrypts in place). */
export const SIGNATURE_XPATH = {
  response: "/*[local-name()='Response']/*[local-name()='Signature']",
  assertion: "//*[local-name()='Assertion']/*[local-name()='Signature']",
} as const;

export type SignedPart = keyof typeof SIGNATURE_XPATH;

/** The Signature element directly inside the Response (`response`) or the (first) Assertion (`assertion`). */
export function signatureElement(xml: string, part: SignedPart): Element | undefined {
  const doc = parseXml(xml.replace(/^<\?xml[^>]*>\s*/, ''));
  const holder = part === 'response' ? doc.documentElement! : descendants(doc, NS.saml, 'Assertion')[0];
  return holder && firstChildElement(holder, NS.ds, 'Signature');
}

/**
 * Verifies one signature with xml-crypto, the public key taken only from `certPem` (never from
 * KeyInfo). Returns the id the Reference points at, or throws if the signature does not verify.
 */
export function verifyWithXmlCrypto(xml: string, certPem: string, signature: Element): string {
  const verifier = new SignedXml({ publicCert: certPem, getCertFromKeyInfo: () => null });
  verifier.loadSignature(signature as unknown as Parameters<SignedXml['loadSignature']>[0]);
  if (!verifier.checkSignature(xml)) throw new Error('xml-crypto: signature invalid');
  const references = verifier.getReferences();
  if (references.length !== 1) throw new Error('xml-crypto: expected exactly one Reference');
  return references[0]!.uri?.replace(/^#/, '') ?? '';
}
