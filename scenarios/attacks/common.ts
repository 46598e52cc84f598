/** @module What the attack scenario files share: spec and paper references, and the TAIL identity. */
import { CLAIM } from '../../mock-idp/internal.js';
import type { AttackVariant, ResponseOverrides, SpecRef } from '../types.js';

export const core = (section: string): SpecRef => ({ doc: 'saml-core', section });
export const profiles = (section: string): SpecRef => ({ doc: 'saml-profiles', section });
export const dsig = (section: string): SpecRef => ({ doc: 'xmldsig', section });
export const xml = (section: string): SpecRef => ({ doc: 'xml', section });
export const cve = (id: string): SpecRef => ({ cve: id });
export const ghsa = (id: string, title: string): SpecRef => ({
  url: `https://github.com/advisories/${id}`,
  title,
});
export const cwe = (id: number, title: string): SpecRef => ({
  url: `https://cwe.mitre.org/data/definitions/${id}.html`,
  title: `CWE-${id}: ${title}`,
});

export const SOMOROVSKY: SpecRef = {
  url: 'https://www.usenix.org/conference/usenixsecurity12/technical-sessions/presentation/somorovsky',
  title: 'Somorovsky et al., "On Breaking SAML: Be Whoever You Want to Be" (USENIX Security 2012)',
};
export const SAML_RAIDER: SpecRef = {
  url: 'https://github.com/CompassSecurity/SAMLRaider/blob/master/src/main/java/helpers/XSWHelpers.java',
  title: 'SAML Raider XSWHelpers.java (XSW1–XSW8)',
};
export const DSIG_BEST_PRACTICES: SpecRef = {
  url: 'https://www.w3.org/TR/xmldsig-bestpractices/',
  title: 'W3C XML Signature Best Practices',
};
export const CERT_VU_475445: SpecRef = {
  url: 'https://www.kb.cert.org/vuls/id/475445',
  title: 'CERT VU#475445: SAML implementations vulnerable to comment-based NameID truncation',
};

/**
 * TAIL (docs/attacks.md §0): the attacker's own IdP account is the victim's address plus `.evil.test`.
 * Overrides are static text, so the victim (admin@contoso.com) is written out.
 */
export const TAIL_IDENTITY = 'admin@contoso.com.evil.test';

/** The baseline response for the TAIL account: NameID, email and name claims all `TAIL_IDENTITY`. */
export const tailAccount: ResponseOverrides = {
  nameId: TAIL_IDENTITY,
  attributes: { [CLAIM.emailAddress]: [TAIL_IDENTITY], [CLAIM.name]: [TAIL_IDENTITY] },
};

/**
 * The signing layouts of a wrapping forgery, as attack variants: the wrapped element signed alone, and
 * both signed. A wrap is done after signing, so with both signed an Assertion wrap leaves a Response
 * signature that no longer verifies (as SAML Raider does it), and a Response wrap leaves the signed
 * Assertion's copy beside the tampered one: an SP that requires a signed Response, or that takes any
 * verifying (or merely present) signature as enough, meets the forgery only this way.
 */
export function signingVariants(wrapped: 'response' | 'assertion'): [AttackVariant, AttackVariant] {
  return [
    { name: `${wrapped}-signed baseline`, response: { sign: wrapped } },
    { name: 'both-signed baseline', response: { sign: 'both' } },
  ];
}
