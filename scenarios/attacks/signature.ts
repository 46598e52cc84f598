/**
 * @module Signature presence and integrity (docs/attacks.md §A, SIG-01..06, SIG-13): unsigned, stripped,
 * tampered and structurally broken signatures.
 */
import { SIGNED_ASSERTION_TAG } from '../signing-tags.js';
import { CLAIM } from '../../mock-idp/internal.js';
import { defineScenarios } from '../define.js';
import { swapIdentity } from '../mutations/basic.js';
import { breakSignature, removeSignature, stripSignatures, tamperText } from '../mutations/signature.js';
import { SOMOROVSKY, core, dsig, profiles } from './common.js';
import { SIGNATURE_UNCHECKED } from '../control-groups.js';

const POST_SIGNED = profiles('4.1.4.5');
const OWASP = {
  url: 'https://cheatsheetseries.owasp.org/cheatsheets/SAML_Security_Cheat_Sheet.html',
  title: 'OWASP SAML Security Cheat Sheet (signature exclusion)',
};
const XML_CRYPTO_NO_SIGNED_INFO = {
  url: 'https://github.com/node-saml/xml-crypto/blob/master/test/static/invalid_saml_no_signed_info.xml',
  title: 'xml-crypto test invalid_saml_no_signed_info.xml',
};
const BROKEN =
  'The SP MUST reject a response whose only signature is structurally broken, without a partial session.';

export default defineScenarios('attacks/signature', [
  {
    slug: 'unsigned',
    title: "Sends the victim's Response with no ds:Signature anywhere (SIG-01)",
    requirement:
      'The SP MUST reject a Response delivered by HTTP POST whose assertion no signature protects.',
    fix: 'Require a valid signature by the configured IdP certificate over the assertion (or the Response that contains it) before reading any identity; a missing signature is a failure, never a skip.',
    refs: [POST_SIGNED, OWASP],
    level: 'must',
    expect: 'no-victim-session',
    control: SIGNATURE_UNCHECKED,
    response: { sign: 'none' },
    mutations: [swapIdentity('before-sign')],
    tags: ['signature'],
  },
  {
    slug: 'stripped-after-tampering',
    title: 'Signs Response and Assertion, swaps in the victim, then removes every Signature (SIG-02)',
    requirement: 'The SP MUST reject a response whose signatures were removed ("signature exclusion").',
    fix: 'Make the signature check mandatory: refuse a Response when neither it nor its assertion carries a valid IdP signature, instead of verifying only the signatures that are present.',
    refs: [POST_SIGNED, SOMOROVSKY],
    level: 'must',
    expect: 'no-victim-session',
    control: SIGNATURE_UNCHECKED,
    response: { sign: 'both' },
    mutations: [swapIdentity(), stripSignatures()],
    tags: ['signature'],
  },
  {
    slug: 'assertion-signature-stripped',
    title: "Signs both, swaps in the victim, removes only the Assertion's Signature (SIG-03)",
    requirement:
      'The SP MUST reject a response whose Assertion signature was removed and whose Response signature no longer verifies.',
    fix: 'Verify every signature present and refuse the Response if any fails; accept an unsigned assertion only when a valid Response signature covers it.',
    refs: [POST_SIGNED, SOMOROVSKY],
    level: 'must',
    expect: 'no-victim-session',
    control: SIGNATURE_UNCHECKED,
    response: { sign: 'both' },
    mutations: [swapIdentity(), removeSignature('assertion')],
    tags: ['signature'],
  },
  {
    slug: 'response-only-signed',
    title: 'Signs only the Response, unmodified, to an SP that may want signed assertions (SIG-04)',
    requirement:
      'An SP that sets WantAssertionsSigned SHOULD reject an assertion signed only through its Response.',
    fix: 'If you require signed assertions (WantAssertionsSigned), refuse one signed only through its Response; otherwise check that the Response signature references the Response you read.',
    refs: [{ doc: 'saml-core', section: '5.4' }, OWASP],
    level: 'info',
    expect: 'reject',
    response: { sign: 'response' },
    note: 'Conformance only: rejecting is right iff the SP requires signed assertions (WantAssertionsSigned).',
    tags: ['signature'],
  },
  {
    slug: 'tampered-nameid',
    title: 'Signs both, then swaps the NameID and email claims for the victim (SIG-05)',
    requirement:
      'The SP MUST reject a response whose signed content changed after signing (digest mismatch).',
    fix: "Recompute each Reference digest over the canonicalised referenced element and refuse the response on any mismatch; act on the verifier's result, never on a partial check.",
    refs: [dsig('3.2.1'), OWASP],
    level: 'must',
    expect: 'no-victim-session',
    control: SIGNATURE_UNCHECKED,
    response: { sign: 'both' },
    mutations: [swapIdentity()],
    tags: ['signature'],
  },
  {
    slug: 'tampered-role-attribute',
    title: 'Signs both with role "user", then changes the role AttributeValue to "admin" (SIG-06)',
    requirement: 'The SP MUST reject a response whose signed attribute value changed after signing.',
    fix: 'Refuse the response when any digest fails, and read roles and other attributes only from the verified assertion.',
    refs: [dsig('3.2.1'), OWASP],
    level: 'must',
    expect: 'reject',
    control: SIGNATURE_UNCHECKED,
    response: { sign: 'both', attributes: { [CLAIM.role]: ['user'] } },
    mutations: [tamperText('user', 'admin')],
    tags: ['signature'],
  },
  {
    slug: 'signed-info-missing',
    title: "Removes the Assertion signature's SignedInfo (SIG-13)",
    requirement: BROKEN,
    fix: 'Treat a Signature without SignedInfo as invalid and refuse the response; a verifier error must fail the sign-in, never skip the check.',
    refs: [dsig('4.4'), XML_CRYPTO_NO_SIGNED_INFO],
    level: 'must',
    expect: 'reject',
    control: SIGNATURE_UNCHECKED,
    mutations: [breakSignature('assertion', 'no-signed-info')],
    tags: ['signature', SIGNED_ASSERTION_TAG],
  },
  {
    slug: 'signature-value-empty',
    title: "Empties the Assertion signature's SignatureValue (SIG-13)",
    requirement: BROKEN,
    fix: "Treat an empty or undecodable SignatureValue as an invalid signature and refuse the response; never treat a verifier exception as 'unsigned, go on'.",
    refs: [dsig('4.3'), XML_CRYPTO_NO_SIGNED_INFO],
    level: 'must',
    expect: 'reject',
    control: SIGNATURE_UNCHECKED,
    mutations: [breakSignature('assertion', 'empty-signature-value')],
    tags: ['signature', SIGNED_ASSERTION_TAG],
  },
  {
    slug: 'signed-info-without-reference',
    title: "Removes the only Reference from the Assertion signature's SignedInfo (SIG-13)",
    requirement: BROKEN,
    fix: 'Require exactly one Reference in SignedInfo, with URI="#<ID>" of the element you use; refuse a signature that references nothing.',
    refs: [core('5.4.2'), XML_CRYPTO_NO_SIGNED_INFO],
    level: 'must',
    expect: 'reject',
    control: SIGNATURE_UNCHECKED,
    mutations: [breakSignature('assertion', 'no-reference')],
    tags: ['signature', SIGNED_ASSERTION_TAG],
  },
]);
