/**
 * @module The DOM signer gives byte-for-byte what signElement gives for the serialized DOM: on the
 * baseline responses (every option, both algorithms), on hand-made documents that stress namespaces,
 * attribute order, characters and placement, and on randomized responses and randomized DOMs built
 * through the DOM API the way mutations build them. Where it cannot show that, it declines and leaves
 * the DOM as it was, and the string path is taken.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ALG, NS } from '../constants/namespaces.js';
import { sequentialIds } from '../util/ids.js';
import { parseXml, serializeXml, type Document, type Element } from '../util/xml.js';
import { newDocument } from '../util/dom-builder.js';
import { testTenant, TEST_NOW } from '../test-support/fixtures.js';
import { randomContent, seededRandom, type Random } from '../test-support/random-content.js';
import { contentFor, signingKeyOf } from '../test-support/response-fixtures.js';
import { buildResponseDraft, type AssertionContent, type ResponseDraft } from './build-response.js';
import { signElement, type SignElementOptions, type SigningAlgorithm } from './sign.js';
import { signInPlace, signOnDom, signedText } from './sign-on-dom.js';

const t = testTenant();
const key = signingKeyOf(t.state, t.app);
const ALGORITHMS: readonly SigningAlgorithm[] = ['sha256', 'sha1'];
const SEED = Number(process.env.SIGN_ON_DOM_SEED ?? 0xd051);
const CASES = Number(process.env.SIGN_ON_DOM_CASES ?? 40);
const LINE_ENDS = /[\r\u0085\u2028\u2029]/;

const options = (elementId: string, extra: Partial<SignElementOptions> = {}): SignElementOptions => ({
  key,
  algorithm: 'sha256',
  elementId,
  ...extra,
});

/** What signElement makes of the serialized DOM: the bytes, or the error it throws. */
function stringPath(doc: Document, o: SignElementOptions): string {
  try {
    return signElement(serializeXml(doc), o);
  } catch (error) {
    return `threw: ${(error as Error).message}`;
  }
}

/** Signs on the DOM, asserting which path was taken and that the bytes are signElement's. */
function expectIdentical(doc: Document, o: SignElementOptions, onDom: boolean): string {
  const before = serializeXml(doc);
  const expected = stringPath(doc, o);
  expect(signOnDom(doc, o)).toBe(onDom);
  // On the DOM: signElement's bytes. Declined: not one node changed.
  expect(serializeXml(doc)).toBe(onDom ? expected : before);
  return expected;
}

function draft(algorithmIds = 1): ResponseDraft {
  return buildResponseDraft(contentFor(t.state, t.app, t.user), {
    ids: sequentialIds(algorithmIds),
    now: new Date(TEST_NOW),
  });
}

describe('the baseline responses', () => {
  it.each(ALGORITHMS)(
    '%s: assertion, response and both signed on the DOM as signElement signs them',
    (algorithm) => {
      for (const option of ['assertion', 'response', 'both'] as const) {
        const d = draft();
        let expected = serializeXml(d.document);
        if (option !== 'response') {
          expected = signElement(expected, { key, algorithm, elementId: d.assertionId });
          expect(signOnDom(d.document, { key, algorithm, elementId: d.assertionId })).toBe(true);
          expect(serializeXml(d.document), option).toBe(expected);
        }
        if (option !== 'assertion') {
          expected = signElement(expected, { key, algorithm, elementId: d.responseId });
          expect(signOnDom(d.document, { key, algorithm, elementId: d.responseId })).toBe(true);
        }
        expect(serializeXml(d.document), option).toBe(expected);
      }
    },
  );

  it('re-signing an element that already holds a Signature digests the old one too, as xml-crypto does', () => {
    const d = draft();
    signOnDom(d.document, options(d.assertionId));
    expectIdentical(d.document, options(d.assertionId), true);
  });

  it('exc-c14n WithComments: the Reference still leaves comments out, SignedInfo names the method', () => {
    const d = draft();
    const name = d.document.getElementsByTagNameNS(NS.saml, 'NameID')[0]!;
    name.insertBefore(d.document.createComment('c'), name.firstChild);
    const signed = expectIdentical(
      d.document,
      options(d.assertionId, { canonicalization: ALG.excC14nWithComments }),
      true,
    );
    expect(signed).toContain(`<CanonicalizationMethod Algorithm="${ALG.excC14nWithComments}"/>`);
  });

  it('inclusive c14n is left to xml-crypto (it renders ancestor namespaces this signer does not model)', () => {
    const d = draft();
    expectIdentical(
      d.document,
      options(d.assertionId, { canonicalization: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315' }),
      false,
    );
  });
});

describe('randomized responses', () => {
  it.each(ALGORITHMS)(
    `%s: ${CASES} random contents, identical bytes; only line ends go the string path`,
    (algorithm) => {
      const random = seededRandom(SEED ^ algorithm.length);
      let onDom = 0;
      for (let i = 0; i < CASES; i++) {
        // Every other case without line ends, so both paths are exercised.
        const content = i % 2 ? withoutLineEnds(randomContent(random)) : randomContent(random);
        const d = buildResponseDraft(content, { ids: sequentialIds(i * 3 + 1), now: new Date(TEST_NOW) });
        const text = serializeXml(d.document);
        const expectDom = !LINE_ENDS.test(text);
        const expected = signElement(signElement(text, { key, algorithm, elementId: d.assertionId }), {
          key,
          algorithm,
          elementId: d.responseId,
        });
        const asserted = signedText(d.document, { key, algorithm, elementId: d.assertionId });
        const afterAssertion = expectDom ? d.document : parseXml(asserted);
        expect(signedText(afterAssertion, { key, algorithm, elementId: d.responseId }), `case ${i}`).toBe(
          expected,
        );
        if (expectDom) onDom++;
      }
      expect(onDom).toBeGreaterThan(CASES / 4);
    },
  );
});

function withoutLineEnds(content: AssertionContent): AssertionContent {
  const clean = (value: string) => value.replace(/[\r\u0085\u2028\u2029]/g, '~');
  const copy = JSON.parse(JSON.stringify(content), (_key, value: unknown) =>
    typeof value === 'string' ? clean(value) : value,
  ) as AssertionContent;
  return { ...copy, authnInstant: content.authnInstant };
}

/** A document parsed from text, signed as `_t`. */
function parsed(xml: string): Document {
  return parseXml(xml);
}

describe('hand-made documents', () => {
  const SAML = `xmlns="${NS.saml}"`;
  const onDom: Array<[string, string]> = [
    ['unprefixed, default namespace', `<Assertion ${SAML} ID="_t"><Issuer>i</Issuer><Subject/></Assertion>`],
    [
      'prefixed elements and attributes, declared on an ancestor',
      `<r xmlns:s="${NS.saml}" xmlns:x="urn:x"><s:Assertion ID="_t" x:b="2" a="1"><s:Issuer>i</s:Issuer><x:e x:k="v"/></s:Assertion></r>`,
    ],
    [
      'attributes out of canonical order, namespaced ones first in the text',
      `<a xmlns:z="urn:z" xmlns:b="urn:b" z:q="1" b:q="2" zz="3" ID="_t" aa="4"><Issuer x="1">i</Issuer></a>`,
    ],
    [
      'special characters in text and attributes',
      `<a ID="_t" v="&amp;&lt;&gt;&quot;'&#9;&#10;é😀"><Issuer>&amp;&lt;&gt;"'\t\n é中文😀</Issuer><b>]]&gt;</b></a>`,
    ],
    ['no Issuer: the Signature goes first', `<a ID="_t"><b>x</b><Issuer>late</Issuer></a>`],
    ['whitespace before the Issuer', `<a ID="_t">\n  \t<p:Issuer xmlns:p="urn:p">i</p:Issuer></a>`],
    ['an empty Issuer with no attribute: `<Issuer/>` does not match, first', `<a ID="_t"><Issuer/><b/></a>`],
    ['an empty Issuer with an attribute matches', `<a ID="_t"><Issuer f="1"/><b/></a>`],
    ['a comment before the Issuer: first', `<a ID="_t"><!--c--><Issuer>i</Issuer></a>`],
    ['text before the Issuer: first', `<a ID="_t">x<Issuer>i</Issuer></a>`],
    ['an IssuerX is no Issuer', `<a ID="_t"><IssuerX>i</IssuerX></a>`],
    ['only whitespace inside', `<a ID="_t"> </a>`],
    [
      'CDATA and comments inside the element',
      `<a ID="_t"><Issuer>i</Issuer><b><![CDATA[<x>&]]><!--c-->t</b></a>`,
    ],
    [
      'the target deep inside, default namespace redeclared',
      `<r xmlns="urn:r"><m xmlns="urn:m"><a ID="_t"><Issuer>i</Issuer></a></m></r>`,
    ],
    [
      'an existing Signature with InclusiveNamespaces deeper inside',
      `<a ID="_t"><Issuer>i</Issuer><b><ds:Signature xmlns:ds="${NS.ds}"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${ALG.excC14n}"><ec:InclusiveNamespaces xmlns:ec="${ALG.excC14n}" PrefixList="xs"/></ds:CanonicalizationMethod></ds:SignedInfo></ds:Signature></b></a>`,
    ],
  ];
  it.each(onDom)('%s: signed on the DOM, identical', (_name, xml) => {
    expectIdentical(parsed(xml), options('_t'), true);
  });

  const declined: Array<[string, string, SignElementOptions?]> = [
    ['a CR in text', '<a ID="_t"><Issuer>a&#13;b</Issuer></a>'],
    ['a NEL in an attribute', '<a ID="_t" v="&#x85;"><Issuer>i</Issuer></a>'],
    ['a LINE SEPARATOR elsewhere in the document', '<r><x>&#x2028;</x><a ID="_t"><Issuer>i</Issuer></a></r>'],
    ['the ID held twice (XSW)', '<r><a ID="_t"><Issuer>i</Issuer></a><a ID="_t"><Issuer>j</Issuer></a></r>'],
    ['the id in another attribute ending in ID', '<r OtherID="_t"><a ID="_t"><Issuer>i</Issuer></a></r>'],
    ['an Id attribute that would name the Reference', '<a Id="other" ID="_t"><Issuer>i</Issuer></a>'],
    ['a CanonicalizationMethod child lending a PrefixList', '<a ID="_t"><CanonicalizationMethod/></a>'],
    ['no child: the regex would run past the element', '<r><a ID="_t"/><Issuer>i</Issuer></r>'],
    ['text holding ID="', '<r><x>ID="_t"</x><a ID="_t"><Issuer>i</Issuer></a></r>'],
    ['a processing instruction', '<a ID="_t"><?pi x?><Issuer>i</Issuer></a>'],
    ['no such element', '<a ID="_other"><Issuer>i</Issuer></a>'],
    [
      "a quote in the id (xml-crypto's XPath refuses it)",
      `<a ID="_t'x"><Issuer>i</Issuer></a>`,
      options("_t'x"),
    ],
    [
      'an XHTML element (xmldom 0.8 writes it as HTML)',
      '<a ID="_t"><p xmlns="http://www.w3.org/1999/xhtml"/></a>',
    ],
    [
      'xmlns="" under a default namespace inside the element',
      '<a xmlns="urn:a" ID="_t"><b xmlns=""><c/></b></a>',
    ],
  ];
  it.each(declined)('%s: declined, the DOM untouched', (_name, xml, o) => {
    expectIdentical(parsed(xml), o ?? options('_t'), false);
  });

  it('an RSA-PSS key is declined: its signatures are not deterministic', () => {
    const pss = generateKeyPairSync('rsa-pss', { modulusLength: 1024 }).privateKey;
    const doc = parsed('<a ID="_t"><Issuer>i</Issuer></a>');
    const before = serializeXml(doc);
    expect(signOnDom(doc, { ...options('_t'), key: { ...key, privateKey: pss } })).toBe(false);
    expect(serializeXml(doc)).toBe(before);
  });

  it('signInPlace falls back to the string path and parses its result back as the root', () => {
    const doc = parsed('<a ID="_t"><Issuer>a&#13;b</Issuer></a>');
    const expected = signElement(serializeXml(doc), options('_t'));
    const root = doc.documentElement;
    signInPlace(doc, options('_t'));
    expect(doc.documentElement).not.toBe(root);
    expect(serializeXml(doc)).toBe(serializeXml(parseXml(expected)));
    expect(signedText(parsed('<a ID="_t"><Issuer>a&#13;b</Issuer></a>'), options('_t'))).toBe(expected);
  });
});

describe('DOMs built through the DOM API', () => {
  function built(build: (doc: Document) => Element): Document {
    const doc = newDocument();
    doc.appendChild(build(doc));
    return doc;
  }

  it('elements created without declarations: the serializer declares them, the signer agrees', () => {
    const doc = built((doc) => {
      const root = doc.createElementNS(NS.samlp, 'samlp:LogoutResponse');
      root.setAttribute('ID', '_t');
      const issuer = doc.createElementNS(NS.saml, 'Issuer');
      issuer.appendChild(doc.createTextNode('i'));
      root.appendChild(issuer);
      root.appendChild(doc.createElementNS(NS.samlp, 'samlp:Status'));
      return root;
    });
    expectIdentical(doc, options('_t'), true);
  });

  it('an empty Issuer written `<Issuer></Issuer>` (an empty text node) matches, and the text goes', () => {
    const doc = built((doc) => {
      const root = doc.createElementNS('urn:a', 'a');
      root.setAttribute('ID', '_t');
      const issuer = doc.createElementNS('urn:a', 'Issuer');
      issuer.appendChild(doc.createTextNode(''));
      root.appendChild(issuer);
      root.appendChild(doc.createTextNode(''));
      return root;
    });
    const signed = expectIdentical(doc, options('_t'), true);
    expect(signed).toMatch(/<Issuer\/><Signature /);
  });

  it('adjacent text nodes canonicalize as the one text node a parser makes of them', () => {
    const doc = built((doc) => {
      const root = doc.createElementNS(null, 'a');
      root.setAttribute('ID', '_t');
      for (const piece of ['x', '&', '', '<y>']) root.appendChild(doc.createTextNode(piece));
      return root;
    });
    expectIdentical(doc, options('_t'), true);
  });

  it.each([
    [
      'setAttribute with a prefix (no namespace until parsed)',
      (doc: Document, el: Element) => {
        el.setAttributeNS(NS.xmlns, 'xmlns:p', 'urn:p');
        el.setAttribute('p:a', '1');
        void doc;
      },
    ],
    [
      'a no-namespace element under a default namespace',
      (doc: Document, el: Element) => {
        el.appendChild(doc.createElement('plain'));
      },
    ],
    [
      'an unprefixed element written with the prefix bound to its namespace',
      (doc: Document, el: Element) => {
        el.setAttributeNS(NS.xmlns, 'xmlns:q', 'urn:q');
        el.appendChild(doc.createElementNS('urn:q', 'child'));
      },
    ],
    [
      'setAttribute("xmlns:p") beside an attribute that needs p: written twice',
      (doc: Document, el: Element) => {
        el.setAttribute('xmlns:p', 'urn:p');
        el.setAttributeNS('urn:p', 'p:k', '1');
        void doc;
      },
    ],
    [
      'a comment that is no XML comment',
      (doc: Document, el: Element) => {
        el.appendChild(doc.createComment('a--b'));
      },
    ],
    [
      'an empty CDATA section',
      (doc: Document, el: Element) => {
        el.appendChild(doc.createCDATASection(''));
      },
    ],
  ])('%s: declined', (_name, change) => {
    const doc = built((doc) => {
      const root = doc.createElementNS('urn:a', 'a');
      root.setAttributeNS(NS.xmlns, 'xmlns', 'urn:a');
      root.setAttribute('ID', '_t');
      const issuer = doc.createElementNS('urn:a', 'Issuer');
      issuer.appendChild(doc.createTextNode('i'));
      root.appendChild(issuer);
      change(doc, root);
      return root;
    });
    expectIdentical(doc, options('_t'), false);
  });

  it(`${CASES * 10} random DOMs: wherever it signs on the DOM, the bytes are signElement's`, () => {
    const random = seededRandom(SEED + 7);
    let onDom = 0;
    const total = CASES * 10;
    for (let i = 0; i < total; i++) {
      const doc = randomDocument(random);
      const before = serializeXml(doc);
      const o = options('_t', { algorithm: random() < 0.5 ? 'sha1' : 'sha256' });
      const expected = stringPath(doc, o);
      if (signOnDom(doc, o)) {
        onDom++;
        expect(serializeXml(doc), `case ${i}: ${before}`).toBe(expected);
      } else expect(serializeXml(doc), `case ${i}`).toBe(before);
    }
    // Not vacuous: most random documents are signed on the DOM.
    expect(onDom, `${onDom} of ${total} on the DOM`).toBeGreaterThan(total / 3);
  });
});

const URIS = ['urn:a', 'urn:b', NS.saml, NS.ds];
const PREFIXES = ['a', 'b', 's', 'ds'];
const TEXTS = ['x', ' ', '\n', '\t', '&', '<', '>', ']]>', '"', "'", 'é', '😀', '', '\u00a0'];
/** What makes the signer decline (or must): rare, so that most documents are signed on the DOM. */
const HAZARDS = ['\r', '\u0085', '\u2028', 'ID="_t"', '\u0001'];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const text = (random: Random): string => (random() < 0.01 ? pick(random, HAZARDS) : pick(random, TEXTS));

/**
 * A small random tree made the ways mutations make them: createElementNS with and without a prefix or
 * a declaration, setAttribute and setAttributeNS, declarations as attributes, text, comments, CDATA,
 * an Issuer now and then, and the `_t` id on one element (sometimes two).
 */
function randomDocument(random: Random): Document {
  const doc = newDocument();
  const elements: Element[] = [];
  // Mostly the usual prefix for each namespace; now and then a prefix bound to another one.
  const prefixOf = (uri: string) => (random() < 0.8 ? PREFIXES[URIS.indexOf(uri)]! : pick(random, PREFIXES));
  const make = (depth: number): Element => {
    const uri = random() < 0.08 ? null : pick(random, URIS);
    const prefix = uri && random() < 0.4 ? prefixOf(uri) : undefined;
    const local = random() < 0.25 ? 'Issuer' : pick(random, ['e', 'f', 'Assertion']);
    const el = doc.createElementNS(uri, prefix ? `${prefix}:${local}` : local);
    if (uri && random() < 0.5) el.setAttributeNS(NS.xmlns, prefix ? `xmlns:${prefix}` : 'xmlns', uri);
    if (random() < 0.2) {
      const other = pick(random, URIS);
      el.setAttributeNS(NS.xmlns, `xmlns:${prefixOf(other)}`, other);
    }
    for (let a = Math.floor(random() * 3); a > 0; a--) {
      const roll = random();
      const value = text(random) + text(random);
      if (roll < 0.6) el.setAttribute(pick(random, ['k', 'z', 'b', 'Name']), value);
      else if (roll < 0.95) {
        const other = pick(random, URIS);
        el.setAttributeNS(other, `${prefixOf(other)}:${pick(random, ['k', 'q'])}`, value);
      } else el.setAttribute(`${pick(random, PREFIXES)}:k`, value);
    }
    elements.push(el);
    for (let c = depth > 3 ? 0 : Math.floor(random() * 4) + (depth === 0 ? 1 : 0); c > 0; c--) {
      const roll = random();
      if (roll < 0.55) el.appendChild(make(depth + 1));
      else if (roll < 0.85) el.appendChild(doc.createTextNode(text(random)));
      else if (roll < 0.95) el.appendChild(doc.createComment(pick(random, ['c', ' ', 'a-b', '-'])));
      else el.appendChild(doc.createCDATASection(pick(random, ['x', '<&>', ']]'])));
    }
    return el;
  };
  doc.appendChild(make(0));
  const parents = elements.filter((e) => e.firstChild);
  pick(random, parents.length > 0 && random() < 0.9 ? parents : elements).setAttribute('ID', '_t');
  if (random() < 0.05) pick(random, elements).setAttribute('ID', '_t');
  return doc;
}
