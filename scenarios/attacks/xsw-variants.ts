/**
 * @module Signature-wrapping variants beyond SAML Raider (docs/attacks.md §B, XSW-09..16): schema-valid
 * Extensions, signature relocation (CVE-2025-47949), non-root and whole-document references, other ID
 * spellings (CVE-2024-45409), a second unsigned assertion, decoy signatures, and an IdP-signed element
 * of another kind standing in for the assertion's signature. Those that wrap a signed Assertion also run
 * on a baseline where both are signed, as attack variants.
 */
import { defineScenarios } from '../define.js';
import { swapIdentity } from '../mutations/basic.js';
import { SIGNATURE_METHOD, rsaWithIdpKey, signByHand } from '../mutations/signature.js';
import {
  decoySignature,
  duplicateIdSpelling,
  relocateSignature,
  signatureOutsideSignedElement,
  signedLogoutResponseBeside,
  unsignedAssertionAfter,
  xsw7Namespaced,
} from '../mutations/xsw.js';
import { SOMOROVSKY, core, cve, dsig, profiles, signingVariants } from './common.js';

const USE_SIGNED =
  'The SP MUST use exactly the element its signature references (by the ID of its root) and MUST NOT read identity from any other element.';
const XML_CRYPTO_ENVELOPED = {
  url: 'https://github.com/node-saml/xml-crypto/blob/master/src/enveloped-signature.ts',
  title: 'xml-crypto enveloped-signature transform (which Signature elements it removes)',
};
const forge = { level: 'must', expect: 'no-victim-session', tags: ['signature', 'xsw'] } as const;

export default defineScenarios('attacks/xsw', [
  {
    ...forge,
    slug: 'xsw9-samlp-extensions-duplicate-id',
    control: [{ sp: 'naive-xsw-first-reader' }],
    title: 'XSW7 with a schema-valid <samlp:Extensions> holding the same-ID victim copy (XSW-09)',
    requirement: USE_SIGNED,
    fix: 'Refuse a document in which the signed ID occurs more than once, and read identity only from the node the verified Reference resolved to, not from a new lookup over the document.',
    refs: [core('5.4.2'), core('3.2.2'), SOMOROVSKY],
    mutations: [xsw7Namespaced()],
    variants: signingVariants('assertion'),
  },
  {
    ...forge,
    slug: 'signature-relocated-to-response',
    control: [
      { sp: 'naive-any-valid-signature' },
      { sp: 'naive-xsw-dom-reader' },
      { sp: 'naive-unverified-multiple-assertions' },
    ],
    title:
      "Moves the Assertion's Signature under the Response, the signed Assertion into Extensions (or the victim Assertion's Advice), and a victim Assertion in its place (XSW-10)",
    requirement:
      'The SP MUST NOT treat a Response-level signature that references another element as signing the Response.',
    fix: "Upgrade samlify to 2.10.0 or later (CVE-2025-47949); accept a Response signature only as a direct child of the Response whose Reference URI is #<the Response's ID>.",
    refs: [cve('CVE-2025-47949'), core('5.4.2')],
    mutations: [relocateSignature()],
    // Where the signed Assertion is parked decides which "no stray assertions" check sees it; with both
    // signed, the Response also carries its own (no longer verifying) Signature.
    variants: [
      {
        name: 'in Extensions',
        response: { sign: 'assertion' },
        mutations: [relocateSignature('extensions')],
      },
      { name: 'in Advice', response: { sign: 'assertion' }, mutations: [relocateSignature('advice')] },
      {
        name: 'in Extensions, both signed',
        response: { sign: 'both' },
        mutations: [relocateSignature('extensions')],
      },
      {
        name: 'in Advice, both signed',
        response: { sign: 'both' },
        mutations: [relocateSignature('advice')],
      },
    ],
  },
  {
    slug: 'signature-not-enveloped',
    title: "Moves the Assertion's Signature out of the Assertion to be a child of the Response (XSW-11)",
    requirement:
      'The SP MUST reject a signature that is not enveloped in the element it references (a Response-level signature must reference the Response).',
    fix: 'Accept a signature only as a direct child of the element it signs, with Reference URI="#<that ID>"; samlify users: upgrade to 2.10.0 or later (CVE-2025-47949).',
    refs: [core('5.4.1'), core('5.4.2'), cve('CVE-2025-47949')],
    level: 'must',
    expect: 'reject',
    control: [
      { sp: 'naive-no-signature-check' },
      { sp: 'naive-any-valid-signature' },
      { sp: 'naive-xsw-dom-reader' },
      { sp: 'naive-xml-unverified' },
      { sp: 'naive-unverified-multiple-assertions' },
    ],
    mutations: [signatureOutsideSignedElement()],
    variants: signingVariants('assertion'),
    tags: ['signature', 'xsw'],
  },
  {
    slug: 'whole-document-reference',
    title: 'Signs the Response with K using Reference URI="" (the whole document) instead of #ID (XSW-12)',
    requirement:
      'The SP SHOULD reject a SAML signature whose Reference is not a same-document #ID reference.',
    fix: 'Accept only a Reference URI="#<ID>" to the Response or Assertion that contains the signature, and refuse URI="" and any other reference.',
    refs: [core('5.4.2'), dsig('4.4.3.3'), SOMOROVSKY],
    level: 'should',
    expect: 'reject',
    control: [
      { sp: 'naive-no-signature-check' },
      { sp: 'naive-any-valid-signature' },
      { sp: 'naive-xsw-dom-reader' },
      { sp: 'naive-xml-unverified' },
      { sp: 'naive-unverified-multiple-assertions' },
      { sp: 'naive-any-valid-signature-response-required' },
    ],
    response: { sign: 'none' },
    mutations: [
      signByHand('response', {
        uri: 'document',
        signatureMethod: SIGNATURE_METHOD.rsaSha256,
        sign: rsaWithIdpKey('sha256'),
      }),
    ],
    tags: ['signature', 'xsw'],
  },
  {
    ...forge,
    slug: 'duplicate-id-other-spelling-id',
    control: [{ sp: 'naive-xsw-first-reader' }],
    title:
      'Inserts a victim Assertion carrying the signed ID as Id= (no ID attribute) before the signed one (XSW-13)',
    requirement: USE_SIGNED,
    fix: 'Upgrade ruby-saml to 1.17.0 or 1.12.3 or later (CVE-2024-45409); resolve References by the ID attribute only, and read identity from the node the verifier resolved.',
    refs: [cve('CVE-2024-45409'), dsig('4.4.3.3')],
    mutations: [duplicateIdSpelling('Id')],
    variants: signingVariants('assertion'),
  },
  {
    ...forge,
    slug: 'duplicate-id-other-spelling-xml-id',
    control: [{ sp: 'naive-xsw-first-reader' }],
    title:
      'Inserts a victim Assertion carrying the signed ID as xml:id= (no ID attribute) before the signed one (XSW-13)',
    requirement: USE_SIGNED,
    fix: 'Upgrade ruby-saml to 1.17.0 or 1.12.3 or later (CVE-2024-45409); resolve References by the ID attribute only, and read identity from the node the verifier resolved.',
    refs: [cve('CVE-2024-45409'), dsig('4.4.3.3')],
    mutations: [duplicateIdSpelling('xml:id')],
    variants: signingVariants('assertion'),
  },
  {
    ...forge,
    slug: 'unsigned-assertion-after-signed',
    control: {
      none: 'The unsigned forgery follows the signed assertion (XSW-14); every reading weakness takes the first assertion.',
      wouldNeed: 'A weakness flag "read the last assertion".',
    },
    title: 'Appends an unsigned victim Assertion with its own ID after the signed one (XSW-14)',
    requirement: 'The SP MUST NOT use an assertion that no signature protects, even beside a signed one.',
    fix: "Refuse a Response with more than one assertion, or use only the assertion node whose signature you verified, never a new lookup of 'the' Assertion.",
    refs: [profiles('4.1.4.2'), profiles('4.1.4.5'), SOMOROVSKY],
    mutations: [unsignedAssertionAfter()],
    variants: signingVariants('assertion'),
  },
  {
    ...forge,
    slug: 'decoy-signature-with-forged-subject',
    control: {
      none: 'Two ds:Signature children of one Assertion are refused in every configuration; with `any-valid-signature` the real signature no longer verifies (the decoy stays in the digest with xml-crypto 6.3.2); and no reader takes a Subject from inside a ds:Signature.',
      wouldNeed: 'A weakness reading `first(NameID)` of the whole document.',
    },
    title:
      'Adds a decoy ds:Signature with the real SignatureValue and a victim <Subject> inside the signed Assertion (XSW-15)',
    requirement:
      'The SP MUST remove only the signature being verified (enveloped transform) and MUST read identity only from the signed bytes.',
    fix: 'Remove only the Signature being verified in the enveloped-signature transform, refuse an element with more than one Signature child, and read identity from the verified bytes.',
    refs: [dsig('6.6.4'), XML_CRYPTO_ENVELOPED],
    mutations: [decoySignature()],
    variants: signingVariants('assertion'),
  },
  {
    ...forge,
    slug: 'idp-signed-logout-response-as-proof',
    control: [
      { sp: 'naive-no-signature-check' },
      { sp: 'naive-any-valid-signature' },
      { sp: 'naive-xml-unverified' },
      { sp: 'naive-unverified-multiple-assertions' },
    ],
    title:
      'Sends an unsigned victim Assertion beside a LogoutResponse really signed by K in <samlp:Extensions> (XSW-16)',
    requirement:
      'The SP MUST NOT accept an IdP signature over some other element as protecting the assertion it uses.',
    fix: 'Require the verified signature to reference the very Assertion (or its enclosing Response) you read identity from; passport-saml users: upgrade to 3.2.2 or later (CVE-2022-39299).',
    refs: [core('5.4.2'), cve('CVE-2022-39299'), cve('CVE-2025-29774')],
    response: { sign: 'none' },
    mutations: [swapIdentity('before-sign'), signedLogoutResponseBeside()],
  },
]);
