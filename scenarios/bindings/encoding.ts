/** @module SAML Bindings §3.5.4 — how the Response travels: POST form only, any well-formed XML layout. */
import { defineScenarios } from '../define.js';
import { editText } from '../mutations/basic.js';
import { indentBeforeSigning } from '../mutations/protocol.js';

export default defineScenarios('bindings/3.5.4', [
  {
    slug: 'get-delivery',
    title: 'Delivers the valid response by GET, SAMLResponse in the query string, to the POST ACS',
    requirement:
      'The HTTP Redirect binding MUST NOT be used for the Response and the POST form method MUST be POST; the SP SHOULD refuse a Response in a URL (it leaks into logs and Referer).',
    fix: 'Accept SAMLResponse only in a POST body at the ACS (answer 405 to GET), so responses never end up in URLs, logs or Referer headers.',
    refs: [
      { doc: 'saml-bindings', section: '3.5.4', quote: 'The method attribute MUST be "POST".' },
      { doc: 'saml-profiles', section: '4.1.2' },
    ],
    level: 'should',
    expect: 'reject',
    control: [{ sp: 'naive-accept-get-binding' }],
    delivery: { method: 'GET' },
    tags: ['binding'],
  },
  {
    slug: 'xml-declaration',
    title: 'Sends the baseline response preceded by an XML declaration (Entra sends none)',
    requirement:
      'The SP SHOULD accept any well-formed XML encoding of a valid response, with or without a declaration.',
    fix: 'Parse the decoded SAMLResponse as a whole XML document, XML declaration allowed; never match on its first bytes.',
    refs: [
      { doc: 'saml-bindings', section: '3.5.4' },
      { doc: 'xml', section: '2.8' },
    ],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-xml-declaration-refused' }],
    mutations: [
      editText('prepend an XML declaration', (xml) => `<?xml version="1.0" encoding="UTF-8"?>${xml}`),
    ],
    tags: ['encoding'],
  },
  {
    slug: 'indented-before-signing',
    title: 'Sends the response pretty-printed (whitespace between elements, covered by the signature)',
    requirement: 'The SP SHOULD accept a validly signed response whatever whitespace separates its elements.',
    fix: 'Verify the signature over the canonical form of the signed element as received; do not strip or reformat whitespace before verifying.',
    refs: [
      { doc: 'saml-bindings', section: '3.5.4' },
      { doc: 'xmldsig', section: '4.3.3.2' },
    ],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-whitespace-stripped' }],
    mutations: [indentBeforeSigning()],
    tags: ['encoding'],
  },
]);
