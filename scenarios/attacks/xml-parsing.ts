/**
 * @module DTDs and external references (docs/attacks.md §E, XML-01..04, XML-07): a SAML response needs no
 * DTD, so every DOCTYPE is a risk — external entities (XXE, loopback canary only), entity expansion
 * (a ~1 KB payload that expands to gigabytes), entities splicing text into a signed identity, XInclude.
 */
import { defineScenarios } from '../define.js';
import {
  LOOPBACK_CANARY,
  entityExpansion,
  entitySplicedTail,
  externalEntityIn,
  withDoctype,
  xincludeIn,
} from '../mutations/xml-text.js';
import { cve, cwe, tailAccount, xml } from './common.js';

const XXE = cwe(611, 'Improper Restriction of XML External Entity Reference');
const NO_DTD =
  'The SP MUST reject a response carrying a DTD that declares external entities, without fetching or reading them.';

export default defineScenarios('attacks/xml', [
  {
    slug: 'doctype-present',
    title: 'Prefixes the valid signed response with <!DOCTYPE …[<!ENTITY unused "x">]> (XML-01)',
    requirement: 'A hardened SP SHOULD refuse any response that carries a DTD; SAML needs none.',
    fix: 'Refuse any SAML message that carries a DOCTYPE (SAML needs none), before verifying; ruby-saml users: upgrade to 1.18.0 or 1.12.4 or later (CVE-2025-25291).',
    refs: [cve('CVE-2025-25291'), xml('2.8')],
    level: 'should',
    expect: 'reject',
    control: [{ sp: 'naive-allow-dtd' }, { sp: 'naive-xml-unverified' }],
    mutations: [withDoctype('DOCTYPE with an unused entity', '<!ENTITY unused "x">')],
    tags: ['xml', 'dtd'],
  },
  {
    slug: 'xxe-parameter-entity-loopback',
    title: `Prefixes the response with an external parameter entity pointing at ${LOOPBACK_CANARY} (XML-02)`,
    requirement: NO_DTD,
    fix: 'Parse SAML with DTDs disabled: no external entities, no external DTD or parameter entities, no network access from the parser (e.g. disallow-doctype-decl, defusedxml).',
    refs: [XXE, xml('4.2.2')],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-allow-dtd' }, { sp: 'naive-xml-unverified' }],
    mutations: [withDoctype('XXE parameter entity', `<!ENTITY % ext SYSTEM "${LOOPBACK_CANARY}/xxe"> %ext;`)],
    note: 'A loopback listener on the canary would show whether the SP fetched it; the verdict here is the session.',
    tags: ['xml', 'dtd', 'xxe'],
  },
  {
    slug: 'xxe-file-entity-in-nameid',
    title: 'Declares <!ENTITY ext SYSTEM "file:///etc/hostname"> and delivers NameID as &ext; (XML-02)',
    requirement: NO_DTD,
    fix: 'Disable DTDs and external entity resolution in the parser used for SAML, so &ext; is an error, never the contents of a file.',
    refs: [XXE, xml('4.2.2')],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-xml-unverified' }],
    mutations: [externalEntityIn('NameID', 'file:///etc/hostname')],
    tags: ['xml', 'dtd', 'xxe'],
  },
  {
    slug: 'entity-expansion-billion-laughs',
    title:
      'Declares 10 nested entities of 10 references each (~3 GB expanded, ~1 KB sent) used in an AttributeValue (XML-03)',
    requirement: 'The SP MUST reject an entity-expansion bomb quickly, with bounded memory and CPU.',
    fix: 'Refuse any DOCTYPE before parsing, or disable entity expansion and cap the expanded size; bound the body size and parse time at the ACS.',
    refs: [
      cwe(776, "Improper Restriction of Recursive Entity References in DTDs ('XML Entity Expansion')"),
      xml('4.1'),
    ],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-xml-unverified' }],
    mutations: [entityExpansion('AttributeValue')],
    tags: ['xml', 'dtd', 'dos'],
  },
  {
    slug: 'entity-splices-tail-into-nameid',
    title:
      'IdP signs admin@contoso.com.evil.test; delivered as admin@contoso.com&t; with <!ENTITY t ".evil.test"> (XML-04)',
    requirement:
      'The SP MUST NOT expand DTD entities into identity fields, and MUST NOT read a spliced NameID as the victim.',
    fix: 'Refuse documents with a DOCTYPE and never expand entities in SAML; ruby-saml users: upgrade to 1.18.0 or 1.12.4 or later (CVE-2025-25291).',
    refs: [cve('CVE-2025-25291'), xml('4.4')],
    level: 'must',
    expect: 'no-victim-session',
    control: [{ sp: 'naive-xml-unverified' }],
    response: tailAccount,
    mutations: [entitySplicedTail()],
    tags: ['xml', 'dtd', 'truncation'],
  },
  {
    slug: 'xinclude-loopback',
    title: `Signs an AttributeValue containing <xi:include href="${LOOPBACK_CANARY}"> (XML-07)`,
    requirement:
      'The SP SHOULD NOT process XInclude: it must not fetch the href, only treat it literally or reject.',
    fix: 'Keep XInclude processing off in the SAML parser (most have it off by default), so xi:include stays plain data, and let the ACS make no outbound requests.',
    refs: [XXE, { url: 'https://www.w3.org/TR/xinclude/', title: 'XML Inclusions (XInclude) 1.0' }],
    level: 'info',
    expect: 'accept',
    mutations: [xincludeIn('AttributeValue')],
    note: 'Judged only by a loopback canary (an engine feature to come); the signed response itself is valid.',
    tags: ['xml', 'xxe'],
  },
]);
