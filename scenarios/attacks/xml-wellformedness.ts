/**
 * @module Well-formedness and input shape (docs/attacks.md §E, XML-05, XML-06, XML-08..11): two roots,
 * trailing content, a false encoding declaration, duplicate attributes, a bare `&`, deep nesting, a
 * near-1 MB value, and schema-invalid ordering. Non-well-formed XML is a fatal error (XML 1.0 §1.2).
 */
import type { Element } from '@xmldom/xmldom';
import { CLAIM } from '../../mock-idp/internal.js';
import { defineScenarios } from '../define.js';
import { insertElement } from '../mutations/basic.js';
import { one } from '../mutations/dom.js';
import {
  appendAfterRoot,
  declareEncoding,
  deepNesting,
  duplicateAttribute,
  oversizedAttribute,
  rawInside,
  signedAssertionThenForgedResponse,
} from '../mutations/xml-text.js';
import { EVIL_ASSERTION_ID } from '../mutations/xsw.js';
import { core, cve, xml } from './common.js';

const FATAL = 'The SP MUST reject a response that is not well-formed XML (a fatal error), never repair it.';
const bad = { level: 'must', expect: 'reject', tags: ['xml', 'well-formedness'] } as const;
const DOS =
  'The SP MUST reject an oversized or pathologically nested response within bounded time and memory.';

export default defineScenarios('attacks/xml', [
  {
    slug: 'multiple-roots-signed-assertion-first',
    title:
      'Sends two roots: the IdP-signed Assertion, then the Response with that Assertion unsigned and swapped to the victim (XML-05)',
    requirement: FATAL,
    fix: 'Refuse input that is not one well-formed document with one root: @xmldom/xmldom 0.7.7 or 0.8.4+ (CVE-2022-39353), passport-saml 3.2.2+ (CVE-2022-39299).',
    refs: [cve('CVE-2022-39353'), cve('CVE-2022-39299'), xml('2.1')],
    level: 'must',
    expect: 'no-victim-session',
    control: [{ sp: 'naive-first-root-signature' }],
    mutations: [signedAssertionThenForgedResponse()],
    // Copied IDs fall to an SP that counts IDs across the roots; fresh IDs (the public exploit) do not.
    variants: [
      { name: 'copied assertion ID', mutations: [signedAssertionThenForgedResponse('copied')] },
      { name: 'fresh IDs', mutations: [signedAssertionThenForgedResponse('fresh')] },
    ],
    tags: ['xml', 'well-formedness', 'xsw'],
  },
  {
    ...bad,
    slug: 'trailing-text',
    control: [
      { sp: 'naive-lenient-xml' },
      { sp: 'naive-xsw-first-reader' },
      { sp: 'naive-xsw-dom-reader' },
      { sp: 'naive-xml-unverified' },
    ],
    title: 'Appends the text "garbage" after the valid response (XML-06)',
    requirement: FATAL,
    fix: 'Use a strict XML parser that fails on content after the root element (with @xmldom/xmldom, an error handler that throws) and refuse the response.',
    refs: [xml('2.1'), cve('CVE-2022-39353')],
    mutations: [appendAfterRoot('trailing text', 'garbage')],
  },
  {
    ...bad,
    slug: 'trailing-xml-declaration',
    control: [{ recorded: 'node-saml' }],
    title: 'Appends a second <?xml version="1.0"?> after the valid response (XML-06)',
    requirement: FATAL,
    fix: 'Fail on every parser error or warning, such as a misplaced XML declaration, and refuse the response instead of using what was parsed.',
    refs: [xml('2.8'), cve('CVE-2022-39353')],
    mutations: [appendAfterRoot('second XML declaration', '<?xml version="1.0"?>')],
  },
  {
    slug: 'declared-encoding-mismatch',
    title: 'Declares encoding="ISO-8859-1" on UTF-8 bytes whose signed display name is "B.Simón" (XML-08)',
    requirement: 'The SP SHOULD decode consistently: verify and read the same characters, or reject.',
    fix: 'Decode once, with one parser for both verifying and reading claims, honouring the declared encoding (or refusing anything but UTF-8).',
    refs: [xml('4.3.3'), cve('CVE-2025-25291')],
    level: 'info',
    expect: 'accept',
    response: { attributes: { [CLAIM.displayName]: ['B.Simón'] } },
    mutations: [declareEncoding('ISO-8859-1')],
    note: 'Rejecting (digest mismatch after Latin-1 decoding) and accepting (UTF-8) are both consistent.',
    tags: ['xml', 'encoding'],
  },
  {
    ...bad,
    slug: 'duplicate-id-attribute',
    control: {
      none: 'A repeated attribute is a fatal @xmldom/xmldom error even when recovering (`lenient-xml`), in every SP here.',
      wouldNeed: 'An SP on a parser that keeps one of the two values.',
    },
    title: `Gives the Assertion start tag a second ID="${EVIL_ASSERTION_ID}" (XML-09)`,
    requirement: FATAL,
    fix: 'Refuse a document with duplicate attributes (a fatal XML error), using one strict parser to verify and read; ruby-saml: 1.18.0 or 1.12.4+ (CVE-2025-25292).',
    refs: [xml('3.1'), cve('CVE-2025-25292')],
    mutations: [duplicateAttribute('Assertion', 'ID', EVIL_ASSERTION_ID)],
  },
  {
    ...bad,
    slug: 'unescaped-ampersand',
    control: [{ sp: 'naive-xml-unverified' }],
    title: 'Puts a bare " & " into the first AttributeValue (XML-09)',
    requirement: FATAL,
    fix: "Use a strict parser that fails on a bare '&' and refuse the response; never let a lenient parser repair it.",
    refs: [xml('2.4'), cve('CVE-2025-25292')],
    mutations: [rawInside('bare ampersand', 'AttributeValue', ' & ')],
  },
  {
    ...bad,
    slug: 'deep-nesting',
    // Every SP with the strict parser refuses it before parsing (TOO_DEEP); only a lenient parser takes it in.
    control: [{ sp: 'naive-xml-unverified' }],
    title: 'Nests 10 000 elements inside the first AttributeValue (~70 KB) (XML-10)',
    requirement: DOS,
    fix: 'Cap the SAMLResponse size and nesting depth before parsing and refuse larger ones; ruby-saml: 1.18.0 or 1.12.4+ (CVE-2025-25293), passport-saml: 3.1.0+ (CVE-2021-39171).',
    refs: [cve('CVE-2021-39171'), cve('CVE-2025-25293')],
    mutations: [deepNesting('AttributeValue', 10_000)],
    tags: ['xml', 'dos'],
  },
  {
    ...bad,
    slug: 'oversized-attribute',
    control: [{ sp: 'naive-xml-unverified' }],
    title: 'Adds a 900 000-byte AttributeValue after signing (~1.2 MB base64) (XML-10)',
    requirement: DOS,
    fix: 'Cap the SAMLResponse size at the ACS (a few hundred KB of base64) before decoding and parsing, and answer larger ones with 413; ruby-saml: 1.18.0 or 1.12.4+ (CVE-2025-25293).',
    refs: [cve('CVE-2021-39171'), cve('CVE-2025-25293')],
    mutations: [oversizedAttribute(900_000)],
    tags: ['xml', 'dos'],
  },
  {
    slug: 'status-after-assertion',
    title: 'Moves samlp:Status after the signed Assertion (schema order broken, signature intact) (XML-11)',
    requirement: 'An SP that validates the schema SHOULD reject children out of schema order.',
    fix: 'Validate each response against the SAML 2.0 protocol and assertion schemas before processing it, and refuse one whose children are out of schema order.',
    refs: [
      core('3.2.2'),
      {
        url: 'https://docs.oasis-open.org/security/saml/v2.0/saml-schema-protocol-2.0.xsd',
        title: 'SAML 2.0 protocol schema',
      },
    ],
    level: 'info',
    expect: 'reject',
    mutations: [insertElement('Assertion', (doc) => one(doc, 'Status'), 'after', 'after-sign')],
    tags: ['xml', 'schema'],
  },
  {
    slug: 'two-response-issuers',
    title: 'Duplicates the Response Issuer (two Issuer children; signature intact) (XML-11)',
    requirement: 'An SP that validates the schema SHOULD reject a Response with two Issuers.',
    fix: 'Validate responses against the SAML 2.0 schemas (at most one Issuer per element) and refuse duplicates rather than reading the first or the last.',
    refs: [
      core('3.2.2'),
      {
        url: 'https://docs.oasis-open.org/security/saml/v2.0/saml-schema-protocol-2.0.xsd',
        title: 'SAML 2.0 protocol schema',
      },
    ],
    level: 'info',
    expect: 'reject',
    mutations: [
      insertElement('Issuer', (doc) => one(doc, 'Issuer').cloneNode(true) as Element, 'after', 'after-sign'),
    ],
    tags: ['xml', 'schema'],
  },
]);
