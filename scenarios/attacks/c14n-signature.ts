/**
 * @module Digest and SignedInfo tricks (docs/attacks.md §C, C14N-05..09, C14N-11, C14N-13): content
 * tampered while SignatureValue still verifies over an untouched SignedInfo, because a verifier reads
 * the wrong DigestValue, Reference or SignedInfo; transforms that leave content outside the digest;
 * and a forged Assertion in a foreign namespace.
 */
import { SIGNED_ASSERTION_TAG } from '../signing-tags.js';
import { defineScenarios } from '../define.js';
import { swapIdentity } from '../mutations/basic.js';
import {
  digestValueComment,
  earlierForgedReference,
  foreignNamespaceDecoy,
  secondDigestValue,
  secondSignedInfo,
  splitDigestValue,
} from '../mutations/c14n.js';
import { SAML_NS } from '../mutations/dom.js';
import { SIGNATURE_METHOD, TRANSFORM, rsaWithIdpKey, signByHand } from '../mutations/signature.js';
import { DSIG_BEST_PRACTICES, core, cve, dsig, ghsa } from './common.js';
import { SIGNATURE_UNCHECKED } from '../control-groups.js';

const DIGEST =
  'The SP MUST compare each Reference digest from the SignedInfo it verified (the DigestValue text content) with the digest of the referenced element.';
const forge = { level: 'must', expect: 'no-victim-session', tags: ['c14n', 'signature'] } as const;
const XPATH_OUT = 'not(ancestor-or-self::saml:NameID) and not(ancestor-or-self::saml:Attribute)';

export default defineScenarios('attacks/c14n', [
  {
    ...forge,
    slug: 'digest-value-comment',
    control: SIGNATURE_UNCHECKED,
    title:
      'Signs both, swaps in the victim, and puts each new digest in a leading comment of DigestValue (C14N-05)',
    requirement: DIGEST,
    fix: 'Upgrade xml-crypto to 6.0.1, 3.2.1 or 2.1.6 or later (CVE-2025-29775); read DigestValue as the text content of the SignedInfo you verified, never its first child node.',
    refs: [
      cve('CVE-2025-29775'),
      ghsa('GHSA-x3m8-899r-f7c3', 'xml-crypto reads DigestValue.firstChild'),
      dsig('3.2.1'),
    ],
    response: { sign: 'both' },
    mutations: [swapIdentity(), digestValueComment()],
  },
  {
    slug: 'digest-value-split-by-comment',
    title: 'Leaves content unchanged but splits the DigestValue text with an empty comment (C14N-06)',
    requirement: 'The SP SHOULD decode DigestValue from its whole text content, ignoring comments.',
    fix: "Read DigestValue as the element's whole text content (comments and whitespace ignored) from the SignedInfo you verified, as xml-crypto 6.0.1 and later do.",
    refs: [dsig('4.4.3.5'), cve('CVE-2025-29775')],
    level: 'info',
    expect: 'accept',
    mutations: [splitDigestValue()],
    note: 'Records robustness: accepting (whole text) or rejecting are both safe; reading half a digest is not.',
    tags: ['c14n', 'signature'],
  },
  {
    ...forge,
    slug: 'second-digest-value',
    control: SIGNATURE_UNCHECKED,
    title: 'Swaps in the victim and adds a second DigestValue with the new digest to the Reference (C14N-07)',
    requirement: DIGEST,
    fix: 'Refuse a Reference with more than one DigestValue (validate SignedInfo against the schema); xml-crypto users: upgrade to 6.0.1, 3.2.1 or 2.1.6 or later (CVE-2025-29775).',
    refs: [cve('CVE-2025-29775'), dsig('4.4.3')],
    mutations: [swapIdentity(), secondDigestValue()],
  },
  {
    ...forge,
    slug: 'global-digest-value-lookup',
    control: SIGNATURE_UNCHECKED,
    title:
      'Swaps in the victim and puts a Reference with the new digest in <samlp:Extensions>, before the real Signature (C14N-08)',
    requirement: DIGEST,
    fix: 'Upgrade ruby-saml to 1.17.0 or 1.12.3 or later (CVE-2024-45409); take References and DigestValue only from inside the SignedInfo you verified, never from a document-wide search.',
    refs: [cve('CVE-2024-45409'), dsig('3.2.1')],
    mutations: [swapIdentity(), earlierForgedReference()],
    tags: [...forge.tags, SIGNED_ASSERTION_TAG],
  },
  {
    ...forge,
    slug: 'second-signed-info-sibling',
    control: [{ sp: 'naive-unverified-multiple-assertions' }],
    title:
      'Adds a second SignedInfo, referencing a forged victim Assertion with its true digest, after the signed one (C14N-09)',
    requirement:
      'The SP MUST reject a Signature with more than one SignedInfo and use only References of the SignedInfo it verified.',
    fix: 'Upgrade xml-crypto to 6.0.1, 3.2.1 or 2.1.6 or later (CVE-2025-29774); refuse a Signature with more than one SignedInfo, and use References only from the one you verified.',
    refs: [
      cve('CVE-2025-29774'),
      ghsa('GHSA-9p8x-f768-wp2g', 'xml-crypto loads References from every SignedInfo'),
      dsig('4.1'),
    ],
    mutations: [secondSignedInfo('sibling')],
    tags: [...forge.tags, SIGNED_ASSERTION_TAG],
  },
  {
    ...forge,
    slug: 'second-signed-info-wrapped',
    control: [{ sp: 'naive-xsw-first-reader' }, { sp: 'naive-unverified-multiple-assertions' }],
    title: 'As C14N-09, with the second SignedInfo wrapped in an unknown element (C14N-09)',
    requirement:
      'The SP MUST reject a Signature with more than one SignedInfo and use only References of the SignedInfo it verified.',
    fix: 'Upgrade xml-crypto to 6.0.1, 3.2.1 or 2.1.6 or later (CVE-2025-29774); refuse a Signature with more than one SignedInfo anywhere inside it, and use References only from the verified one.',
    refs: [
      cve('CVE-2025-29774'),
      ghsa('GHSA-9p8x-f768-wp2g', 'xml-crypto loads References from every SignedInfo'),
      dsig('4.1'),
    ],
    mutations: [secondSignedInfo('wrapped')],
    tags: [...forge.tags, SIGNED_ASSERTION_TAG],
  },
  {
    ...forge,
    slug: 'xpath-transform-excludes-identity',
    control: SIGNATURE_UNCHECKED,
    title:
      'K signs the Assertion with an XPath filter leaving NameID and Attributes out of the digest, then swaps in the victim (C14N-11)',
    requirement:
      'The SP MUST NOT accept transforms other than enveloped-signature and exclusive c14n, which can exclude content from the digest.',
    fix: 'Allow only the enveloped-signature and exclusive c14n transforms on SAML signatures (SAML Core 5.4.4) and refuse any other, XPath filters above all.',
    refs: [core('5.4.4'), DSIG_BEST_PRACTICES],
    response: { sign: 'none' },
    mutations: [
      signByHand('assertion', {
        transforms: [
          TRANSFORM.enveloped,
          { xpath: XPATH_OUT, namespaces: { saml: SAML_NS } },
          TRANSFORM.excC14n,
        ],
        exclude: ['NameID', 'Attribute'],
        signatureMethod: SIGNATURE_METHOD.rsaSha256,
        sign: rsaWithIdpKey('sha256'),
      }),
      swapIdentity(),
    ],
  },
  {
    slug: 'three-transforms',
    title:
      'K signs the Assertion with three transforms (enveloped, exc-c14n, exc-c14n), content unchanged (C14N-11)',
    requirement:
      'The SP SHOULD reject signatures with more transforms than enveloped-signature and one exclusive c14n.',
    fix: 'Accept at most two transforms, enveloped-signature then exclusive c14n, as SAML Core 5.4.4 profiles them; refuse longer or other chains.',
    refs: [
      core('5.4.4'),
      {
        url: 'https://github.com/node-saml/node-saml/blob/master/src/xml.ts',
        title: 'node-saml getVerifiedXml: at most two transforms',
      },
    ],
    level: 'info',
    expect: 'reject',
    response: { sign: 'none' },
    mutations: [
      signByHand('assertion', {
        transforms: [TRANSFORM.enveloped, TRANSFORM.excC14n, TRANSFORM.excC14n],
        signatureMethod: SIGNATURE_METHOD.rsaSha256,
        sign: rsaWithIdpKey('sha256'),
      }),
    ],
    tags: ['c14n', 'signature'],
  },
  {
    ...forge,
    slug: 'foreign-namespace-decoy-assertion',
    control: {
      none: 'Needs a reader that matches local names only; `read-first-assertion` finds the foreign-namespace Assertion but reads its Subject by namespace, so the sign-in fails.',
      wouldNeed: 'A weakness selecting SAML elements by local name.',
    },
    title:
      'Inserts a victim Assertion with the same unprefixed names but a foreign namespace before the signed one (C14N-13)',
    requirement:
      'The SP MUST select SAML elements by namespace URI and local name, reading identity only from the signed Assertion.',
    fix: 'Select SAML elements by namespace URI and local name, never by tag name; ruby-saml users: upgrade to 1.18.0 or 1.12.4 or later (CVE-2025-25292).',
    refs: [cve('CVE-2025-25292'), core('2.3.3')],
    mutations: [foreignNamespaceDecoy()],
    tags: [...forge.tags, SIGNED_ASSERTION_TAG],
  },
]);
