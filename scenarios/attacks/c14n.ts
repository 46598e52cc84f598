/**
 * @module Text the signature cannot see (docs/attacks.md §C, C14N-01..04, C14N-10): the IdP signs the TAIL
 * account `admin@contoso.com.evil.test`; after signing, `.evil.test` is hidden behind a comment, in a
 * processing instruction or in CDATA. The canonical form (what is digested) is unchanged, so the
 * signature verifies; a reader that takes only the first text node reads the victim.
 */
import { SIGNED_ASSERTION_TAG } from '../signing-tags.js';
import { ALG } from '../../mock-idp/internal.js';
import { defineScenarios } from '../define.js';
import { setElementText } from '../mutations/basic.js';
import { TAIL, splitTail, splitText } from '../mutations/c14n.js';
import { resign } from '../mutations/signature.js';
import { CERT_VU_475445, core, cve, tailAccount, xml } from './common.js';

const FULL_TEXT =
  'The SP MUST read identity from the full text content of the signed element (all text, CDATA and PI-hidden characters), never from its first text node.';
const truncation = {
  level: 'must',
  expect: 'no-victim-session',
  response: tailAccount,
  tags: ['c14n', 'truncation'],
} as const;

export default defineScenarios('attacks/c14n', [
  {
    ...truncation,
    slug: 'nameid-comment-truncation',
    control: [
      { sp: 'naive-first-text-node' },
      { sp: 'naive-comment-truncation' },
      { sp: 'naive-xml-unverified' },
    ],
    title:
      'Delivers the signed NameID admin@contoso.com.evil.test as admin@contoso.com<!---->.evil.test (C14N-01)',
    requirement: FULL_TEXT,
    fix: "Read NameID as the element's full text content, never its first text node; fixed in ruby-saml 1.7.0, python-saml 2.4.0, saml2-js 1.12.4 and 2.0.2, and XMLTooling-C 1.6.4 (CVE-2017-11427 to -11430, CVE-2018-0489).",
    refs: [
      cve('CVE-2017-11427'),
      cve('CVE-2017-11428'),
      cve('CVE-2017-11429'),
      cve('CVE-2017-11430'),
      cve('CVE-2018-0489'),
      CERT_VU_475445,
    ],
    mutations: [splitTail('comment')],
    // Everywhere: NameID and e-mail claim truncate alike, past an SP that checks the claim's domain or
    // compares it with NameID. NameID only: past an SP that refuses claims with mixed content.
    variants: [
      { name: 'comment in NameID and claims', mutations: [splitTail('comment')] },
      { name: 'comment in NameID only', mutations: [splitTail('comment', 'NameID')] },
    ],
  },
  {
    ...truncation,
    slug: 'nameid-processing-instruction-truncation',
    control: [
      { sp: 'naive-first-text-node' },
      { sp: 'naive-no-signature-check' },
      { sp: 'naive-read-unsigned-dom' },
      { sp: 'naive-read-first-assertion' },
      { sp: 'naive-any-valid-signature' },
      { sp: 'naive-xsw-first-reader' },
      { sp: 'naive-xsw-dom-reader' },
      { sp: 'naive-comment-truncation' },
      { sp: 'naive-xml-unverified' },
      { sp: 'naive-unverified-multiple-assertions' },
    ],
    title: 'Delivers the signed NameID as admin@contoso.com<?x .evil.test?> (C14N-02)',
    requirement:
      'The SP MUST NOT accept a NameID whose characters moved into a processing instruction, and MUST NOT read it as the victim.',
    fix: 'Upgrade @node-saml/node-saml to 5.1.0 or later (CVE-2025-54419, CVE-2025-54369); read identity only from the signed bytes, and refuse a NameID that contains processing instructions or comments.',
    refs: [cve('CVE-2025-54419'), cve('CVE-2025-54369'), xml('2.6')],
    mutations: [splitTail('processing-instruction')],
    variants: [
      { name: 'PI in NameID and claims', mutations: [splitTail('processing-instruction')] },
      { name: 'PI in NameID only', mutations: [splitTail('processing-instruction', 'NameID')] },
    ],
  },
  {
    ...truncation,
    slug: 'nameid-cdata-split',
    control: [
      { sp: 'naive-first-text-node' },
      { sp: 'naive-comment-truncation' },
      { sp: 'naive-xml-unverified' },
    ],
    title: 'Delivers the signed NameID as admin@contoso.com<![CDATA[.evil.test]]> (C14N-03)',
    requirement: FULL_TEXT,
    fix: "Read NameID as the element's full text content, CDATA sections included, never its first text node; saml2-js users: upgrade to 2.0.2 or 1.12.4 or later (CVE-2017-11429).",
    refs: [cve('CVE-2017-11429'), CERT_VU_475445, xml('2.7')],
    mutations: [splitTail('cdata')],
    variants: [
      { name: 'CDATA in NameID and claims', mutations: [splitTail('cdata')] },
      { name: 'CDATA in NameID only', mutations: [splitTail('cdata', 'NameID')] },
    ],
  },
  {
    ...truncation,
    slug: 'email-attribute-comment-truncation',
    control: [
      { sp: 'naive-first-text-node' },
      { sp: 'naive-no-signature-check' },
      { sp: 'naive-read-unsigned-dom' },
      { sp: 'naive-read-first-assertion' },
      { sp: 'naive-any-valid-signature' },
      { sp: 'naive-xsw-first-reader' },
      { sp: 'naive-xsw-dom-reader' },
      { sp: 'naive-comment-truncation' },
      { sp: 'naive-xml-unverified' },
      { sp: 'naive-unverified-multiple-assertions' },
    ],
    title:
      'Leaves the TAIL NameID whole but hides .evil.test of the signed email and name claims behind a comment, a PI or CDATA (C14N-04)',
    requirement: FULL_TEXT,
    fix: "Read every AttributeValue (e-mail, name) as the element's full text content, as for NameID, never its first text node.",
    refs: [CERT_VU_475445, cve('CVE-2017-11427'), cve('CVE-2025-54419')],
    // Only the claims are split, for SPs that key accounts on the email claim rather than NameID.
    mutations: [splitTail('comment', 'AttributeValue')],
    variants: [
      { name: 'comment in the e-mail claims', mutations: [splitTail('comment', 'AttributeValue')] },
      { name: 'PI in the e-mail claims', mutations: [splitTail('processing-instruction', 'AttributeValue')] },
      { name: 'CDATA in the e-mail claims', mutations: [splitTail('cdata', 'AttributeValue')] },
    ],
  },
  {
    slug: 'audience-comment-truncation',
    title:
      "Signs Audience '<SP entityID>.evil.test' and delivers it as '<SP entityID><!---->.evil.test' (C14N-04)",
    requirement:
      'The SP MUST compare the full text of Audience with its entityID and reject a foreign audience.',
    fix: 'Compare the full text content of Audience (every text node) with your entity ID exactly, never its first text node.',
    refs: [core('2.5.1.4'), CERT_VU_475445],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-audience-check' }],
    mutations: [
      setElementText('Audience', (ctx) => `${ctx.audience}${TAIL}`),
      splitText(
        'audience + TAIL',
        (ctx) => `${ctx.audience}${TAIL}`,
        (ctx) => ctx.audience,
        'comment',
      ),
    ],
    tags: ['c14n', 'truncation'],
  },
  {
    ...truncation,
    slug: 'with-comments-method-truncation',
    control: [{ sp: 'naive-comment-truncation' }, { sp: 'naive-xml-unverified' }],
    title:
      'Signs the TAIL Assertion with exc-c14n#WithComments, then hides .evil.test behind a comment (C14N-10)',
    requirement:
      'The SP MUST honour the signed canonicalization method and MUST NOT read the comment-split NameID as the victim.',
    fix: "Read NameID as the element's full text content whatever the canonicalization method, and allow only the exclusive c14n methods your verifier implements correctly.",
    refs: [core('5.4.3'), { doc: 'xmldsig', section: '4.4.3.3' }, CERT_VU_475445],
    note: 'With a bare-name #ID Reference the dereferenced node-set already excludes comments (DSig §4.4.3.3), so a correct SP may accept — but only as admin@contoso.com.evil.test.',
    mutations: [resign('assertion', ALG.excC14nWithComments), splitTail('comment')],
    tags: [...truncation.tags, SIGNED_ASSERTION_TAG],
  },
]);
