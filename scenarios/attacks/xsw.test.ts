/** @module Tests for XSW1–8 and XSW-09..16: each wrapped layout is well-formed as an attack — the signed part still verifies with K while the part an SP may read names the victim. */
import { describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { responseFor, scenarioIdp } from '../../runner/engine/test-support/scenario-harness.js';
import group from './xsw.js';
import variants from './xsw-variants.js';
import { EVIL_ASSERTION_ID, EVIL_RESPONSE_ID, FORGED_ASSERTION_ID } from '../mutations/xsw.js';
import { variantOf } from '../test-support/variants.js';
import type { Scenario } from '../types.js';
import {
  DSIG_NS,
  SAML_NS,
  all,
  childrenOf,
  directSignature,
  one,
  pick,
  saml,
  signatureOf,
  signedInfoVerifies,
  verifies,
  verifyAlone,
  verifyWith,
} from './test-support/verify.js';

const idp = scenarioIdp();
const CERT = idp.tenant.signingMaterial(idp.app).certificatePem;
const VICTIM = idp.victim;
const BASELINE = idp.tenant.requireUser(idp.baselineUser).userPrincipalName;
const nameOf = (el: Element) => one(el, 'NameID').textContent;
/** What an SP that walks the schema reads: (Response/)Assertion/Subject/NameID of this element. */
const childPath = (el: Element, ...path: string[]): Element => {
  let node = el;
  for (const name of path) {
    const next = childrenOf(node).find((c) => c.localName === name);
    if (!next) throw new Error(`no <${name}> under <${node.localName}>`);
    node = next;
  }
  return node;
};
const subjectName = (assertion: Element) => childPath(assertion, 'Subject', 'NameID').textContent;
const kids = (el: Element) => childrenOf(el).map((c) => c.localName);
const referenceOf = (signature: Element) => one(signature, 'Reference').getAttribute('URI');

/** XSW1–8 in SAML Raider's terms: first(X) is the first element named X in document order. */
describe('attacks/xsw XSW1–XSW8 (SAML Raider)', () => {
  it.each(['xsw1-response-copy-in-signature', 'xsw2-response-copy-before-signature'])(
    '%s: evil root Response, signed copy intact and verifying',
    async (slug) => {
      const { xml, doc } = await responseFor(pick(group, slug));
      const root = doc.documentElement!;
      expect(root.getAttribute('ID')).toMatch(new RegExp(`^${EVIL_RESPONSE_ID}_[0-9a-f]+$`));
      expect(subjectName(childPath(root, 'Assertion'))).toBe(VICTIM);
      // first(NameID) in document order is the signed copy's: SAML Raider's layout, not a bug.
      expect(nameOf(root)).toBe(BASELINE);
      const signature = directSignature(root);
      const copy = slug.startsWith('xsw1')
        ? childrenOf(signature).at(-1)!
        : (signature.previousSibling as Element);
      expect(copy.localName).toBe('Response');
      expect(referenceOf(signature)).toBe(`#${copy.getAttribute('ID')}`);
      expect(all(copy, 'Signature')).toHaveLength(0);
      expect(nameOf(copy)).toBe(BASELINE);
      expect(verifyWith(xml, signature, CERT)).toBe(true);
    },
  );

  it('XSW3: unsigned evil Assertion first, the signed original second and verifying', async () => {
    const { xml, doc } = await responseFor(pick(group, 'xsw3-assertion-sibling'));
    const [evil, signed] = saml(doc.documentElement!, 'Assertion');
    expect(kids(doc.documentElement!)).toEqual(['Issuer', 'Status', 'Assertion', 'Assertion']);
    expect(evil!.getAttribute('ID')).toMatch(new RegExp(`^${EVIL_ASSERTION_ID}_[0-9a-f]+$`));
    expect(all(evil!, 'Signature')).toHaveLength(0);
    expect(nameOf(evil!)).toBe(VICTIM);
    expect(nameOf(signed!)).toBe(BASELINE);
    expect(verifyWith(xml, directSignature(signed!), CERT)).toBe(true);
  });

  it('XSW4: the signed Assertion is the last child of the evil one', async () => {
    const { xml, doc } = await responseFor(pick(group, 'xsw4-assertion-wraps-signed'));
    const evil = childrenOf(doc.documentElement!).at(-1)!;
    expect(evil.getAttribute('ID')).toMatch(new RegExp(`^${EVIL_ASSERTION_ID}_[0-9a-f]+$`));
    expect(saml(doc.documentElement!, 'Assertion')[0]).toBe(evil);
    const signed = childrenOf(evil).at(-1)!;
    expect(signed.localName).toBe('Assertion');
    expect(nameOf(evil)).toBe(VICTIM);
    expect(nameOf(signed)).toBe(BASELINE);
    expect(verifyWith(xml, directSignature(signed), CERT)).toBe(true);
  });

  it.each([
    ['xsw5-clean-copy-after', 'response'],
    ['xsw6-clean-copy-in-signature', 'signature'],
  ])(
    '%s: evil Assertion keeps the Signature; a clean copy with the signed ID verifies',
    async (slug, where) => {
      const { xml, doc } = await responseFor(pick(group, slug));
      const evil = saml(doc, 'Assertion')[0]!;
      expect(evil.getAttribute('ID')).toMatch(new RegExp(`^${EVIL_ASSERTION_ID}_[0-9a-f]+$`));
      expect(subjectName(evil)).toBe(VICTIM);
      const signature = directSignature(evil);
      const copy =
        where === 'response' ? childrenOf(doc.documentElement!).at(-1)! : childrenOf(signature).at(-1)!;
      expect(copy.localName).toBe('Assertion');
      expect(referenceOf(signature)).toBe(`#${copy.getAttribute('ID')}`);
      expect(signatureOf(copy)).toBeUndefined();
      expect(verifyWith(xml, signature, CERT)).toBe(true);
    },
  );

  it('XSW7: a no-namespace <Extensions> before A holds a same-ID victim copy', async () => {
    const { doc } = await responseFor(pick(group, 'xsw7-extensions-duplicate-id'));
    const [issuer, status, extensions, signed] = childrenOf(doc.documentElement!);
    expect([issuer, status].map((e) => e!.localName)).toEqual(['Issuer', 'Status']);
    expect(extensions!.localName).toBe('Extensions');
    expect(extensions!.namespaceURI).toBeNull();
    const evil = childrenOf(extensions!)[0]!;
    expect(evil.getAttribute('ID')).toBe(signed!.getAttribute('ID'));
    expect(nameOf(evil)).toBe(VICTIM);
    expect(verifyAlone(signed!, directSignature(signed!), CERT)).toBe(true);
  });

  it('XSW8: a no-namespace <Object> in the evil Assertion Signature holds the clean same-ID copy', async () => {
    const { doc } = await responseFor(pick(group, 'xsw8-object-duplicate-id'));
    const evil = saml(doc, 'Assertion')[0]!;
    expect(subjectName(evil)).toBe(VICTIM);
    const signature = directSignature(evil);
    const object = childrenOf(signature).at(-1)!;
    expect([object.localName, object.namespaceURI]).toEqual(['Object', null]);
    const copy = childrenOf(object)[0]!;
    expect(copy.getAttribute('ID')).toBe(evil.getAttribute('ID'));
    expect(nameOf(copy)).toBe(BASELINE);
    expect(verifyAlone(copy, signature, CERT)).toBe(true);
  });
});

describe('attacks/xsw variants (XSW-09..16)', () => {
  const build = (slug: string) => responseFor(pick(variants, slug));

  it('XSW-09: <samlp:Extensions> after Issuer, before Status, holds the same-ID victim copy', async () => {
    const { doc } = await build('xsw9-samlp-extensions-duplicate-id');
    expect(kids(doc.documentElement!)).toEqual(['Issuer', 'Extensions', 'Status', 'Assertion']);
    const [, extensions, , signed] = childrenOf(doc.documentElement!);
    expect(extensions!.namespaceURI).toBe('urn:oasis:names:tc:SAML:2.0:protocol');
    expect(childrenOf(extensions!)[0]!.getAttribute('ID')).toBe(signed!.getAttribute('ID'));
    expect(nameOf(extensions!)).toBe(VICTIM);
    expect(verifyAlone(signed!, directSignature(signed!), CERT)).toBe(true);
  });

  it('XSW-10: Response-level Signature references the Assertion moved into Extensions; a forged one is the only child Assertion', async () => {
    const { xml, doc } = await build('signature-relocated-to-response');
    const root = doc.documentElement!;
    expect(kids(root)).toEqual(['Issuer', 'Signature', 'Extensions', 'Status', 'Assertion']);
    const [, signature, extensions, , forged] = childrenOf(root);
    const signed = childrenOf(extensions!)[0]!;
    expect(referenceOf(signature!)).toBe(`#${signed.getAttribute('ID')}`);
    expect(forged!.getAttribute('ID')).toMatch(new RegExp(`^${EVIL_ASSERTION_ID}_[0-9a-f]+$`));
    expect(all(forged!, 'Signature')).toHaveLength(0);
    expect(nameOf(forged!)).toBe(VICTIM);
    expect(verifyWith(xml, signature!, CERT)).toBe(true);
  });

  it('XSW-11: the Assertion Signature is a child of the Response and still verifies', async () => {
    const { xml, doc } = await build('signature-not-enveloped');
    const root = doc.documentElement!;
    expect(kids(root)).toEqual(['Issuer', 'Signature', 'Status', 'Assertion']);
    expect(referenceOf(directSignature(root))).toBe(`#${saml(root, 'Assertion')[0]!.getAttribute('ID')}`);
    expect(verifyWith(xml, directSignature(root), CERT)).toBe(true);
  });

  it('XSW-12: K signs the Response with Reference URI="" and it verifies', async () => {
    const { xml, doc } = await build('whole-document-reference');
    const signature = directSignature(doc.documentElement!);
    expect(referenceOf(signature)).toBe('');
    expect(verifyWith(xml, signature, CERT)).toBe(true);
  });

  it.each([
    ['duplicate-id-other-spelling-id', 'Id', ''],
    ['duplicate-id-other-spelling-xml-id', 'id', 'http://www.w3.org/XML/1998/namespace'],
  ])('XSW-13 %s: forged Assertion carries the signed ID as %s', async (slug, local, ns) => {
    const { xml, doc } = await build(slug);
    const [forged, signed] = saml(doc, 'Assertion');
    const id = signed!.getAttribute('ID')!;
    expect(forged!.hasAttribute('ID')).toBe(false);
    expect(ns ? forged!.getAttributeNS(ns, local) : forged!.getAttribute(local)).toBe(id);
    expect(nameOf(forged!)).toBe(VICTIM);
    expect(verifyAlone(signed!, directSignature(signed!), CERT)).toBe(true);
    // xml-crypto 6 counts Id/ID/id (xml:id's local name is id) and refuses the duplicate.
    expect(verifies(xml, directSignature(signed!), CERT)).toBe(false);
  });

  it('XSW-14: an unsigned victim Assertion with its own ID follows the signed one', async () => {
    const { xml, doc } = await build('unsigned-assertion-after-signed');
    const [signed, forged] = saml(doc, 'Assertion');
    expect(forged!.getAttribute('ID')).toMatch(new RegExp(`^${FORGED_ASSERTION_ID}_[0-9a-f]+$`));
    expect(signatureOf(forged!)).toBeUndefined();
    expect(nameOf(forged!)).toBe(VICTIM);
    expect(verifyWith(xml, directSignature(signed!), CERT)).toBe(true);
  });

  it('XSW-15: a decoy Signature with the real SignatureValue puts the victim first; without it the signature verifies', async () => {
    const { doc } = await build('decoy-signature-with-forged-subject');
    const assertion = saml(doc, 'Assertion')[0]!;
    const [real, decoy] = childrenOf(assertion).filter((c) => c.localName === 'Signature');
    expect(decoy!.namespaceURI).toBe(DSIG_NS);
    expect(one(decoy!, 'SignatureValue').textContent).toBe(one(real!, 'SignatureValue').textContent);
    expect(one(doc, 'NameID').textContent).toBe(VICTIM);
    // xml-crypto 6.3.2 refuses look-alike Signatures outright; a verifier that strips them instead
    // digests exactly the original Assertion, which is what the next lines check.
    expect(() => verifyAlone(assertion, real!, CERT)).toThrow(/same SignatureValue/);
    assertion.removeChild(decoy!);
    expect(verifyAlone(assertion, real!, CERT)).toBe(true);
  });

  it('XSW-16: a LogoutResponse really signed by K sits in Extensions beside an unsigned victim Assertion', async () => {
    const { xml, doc } = await build('idp-signed-logout-response-as-proof');
    const logout = one(doc, 'LogoutResponse');
    expect(logout.parentNode!.localName).toBe('Extensions');
    expect(verifyWith(xml, directSignature(logout), CERT)).toBe(true);
    const assertion = saml(doc, 'Assertion')[0]!;
    expect(assertion.getElementsByTagNameNS(DSIG_NS, 'Signature')).toHaveLength(0);
    expect(assertion.namespaceURI).toBe(SAML_NS);
    expect(nameOf(assertion)).toBe(VICTIM);
  });
});

describe('attacks/xsw signing variants: each wrap also on a baseline where both are signed', () => {
  const both = (group: { scenarios: readonly Scenario[] }, slug: string) =>
    responseFor(variantOf(pick(group, slug), 'both-signed baseline'));

  it.each(['xsw1-response-copy-in-signature', 'xsw2-response-copy-before-signature'])(
    '%s: the Response signature verifies over the signed copy, which holds the signed Assertion; the evil Assertion keeps a Signature that no longer verifies',
    async (slug) => {
      const { xml, doc } = await both(group, slug);
      const root = doc.documentElement!;
      const signature = directSignature(root);
      expect(verifyWith(xml, signature, CERT)).toBe(true);
      const copy = all(doc, 'Response').find((r) => `#${r.getAttribute('ID')}` === referenceOf(signature))!;
      expect(copy).not.toBe(root);
      const signedAssertion = childPath(copy, 'Assertion');
      expect(subjectName(signedAssertion)).toBe(BASELINE);
      expect(verifyAlone(signedAssertion, directSignature(signedAssertion), CERT)).toBe(true);
      const evil = childPath(root, 'Assertion');
      expect(subjectName(evil)).toBe(VICTIM);
      // A presence-only "the Assertion is signed" check is met; verifying it is not.
      expect(signedInfoVerifies(directSignature(evil), CERT)).toBe(true);
      expect(verifies(xml, directSignature(evil), CERT)).toBe(false);
    },
  );

  const assertionWraps = [
    ...group.scenarios.filter((s) => !/xsw[12]-/.test(s.id)),
    ...variants.scenarios.filter((s) => s.variants?.some((v) => v.name === 'both-signed baseline')),
  ];
  it.each(assertionWraps.map((s) => [s.id, s] as const))(
    '%s: the Response keeps the IdP signature computed before the wrap, which no longer verifies',
    async (_id, scenario) => {
      const { xml, doc } = await responseFor(variantOf(scenario, 'both-signed baseline'));
      const root = doc.documentElement!;
      const own = childrenOf(root).filter(
        (c) => c.localName === 'Signature' && referenceOf(c) === `#${root.getAttribute('ID')}`,
      );
      expect(own).toHaveLength(1);
      expect(signedInfoVerifies(own[0]!, CERT)).toBe(true);
      expect(verifies(xml, own[0]!, CERT)).toBe(false);
    },
  );

  it('XSW3 on the both-signed baseline: the evil Assertion first, the signed one still verifying', async () => {
    const { xml, doc } = await both(group, 'xsw3-assertion-sibling');
    const [evil, signed] = saml(doc.documentElement!, 'Assertion');
    expect(kids(doc.documentElement!)).toEqual(['Issuer', 'Signature', 'Status', 'Assertion', 'Assertion']);
    expect(nameOf(evil!)).toBe(VICTIM);
    expect(verifyWith(xml, directSignature(signed!), CERT)).toBe(true);
  });

  it('the assertion-only variants are the scenario as before: sign=assertion (XSW3–8) or sign=response (XSW1/2)', () => {
    for (const s of group.scenarios) {
      const [first] = s.variants!;
      expect(first.response?.sign).toBe(s.response?.sign);
    }
  });
});

describe('attacks/xsw XSW-10 parking variants: Extensions and Advice', () => {
  const relocation = pick(variants, 'signature-relocated-to-response');
  const build = (name: string) => responseFor(variantOf(relocation, name));

  it('in Advice: the signed Assertion sits in the forged Assertion’s Advice, after Conditions', async () => {
    const { xml, doc } = await build('in Advice');
    const root = doc.documentElement!;
    expect(kids(root)).toEqual(['Issuer', 'Signature', 'Status', 'Assertion']);
    const forged = childPath(root, 'Assertion');
    expect(forged.getAttribute('ID')).toMatch(new RegExp(`^${EVIL_ASSERTION_ID}_[0-9a-f]+$`));
    expect(kids(forged)).toEqual([
      'Issuer',
      'Subject',
      'Conditions',
      'Advice',
      'AttributeStatement',
      'AuthnStatement',
    ]);
    const advice = childPath(forged, 'Advice');
    expect(advice.namespaceURI).toBe(SAML_NS);
    const signed = childPath(advice, 'Assertion');
    const signature = directSignature(root);
    expect(referenceOf(signature)).toBe(`#${signed.getAttribute('ID')}`);
    expect(signatureOf(signed)).toBeUndefined();
    expect(subjectName(forged)).toBe(VICTIM);
    expect(subjectName(signed)).toBe(BASELINE);
    expect(verifyWith(xml, signature, CERT)).toBe(true);
  });

  it.each([
    ['in Extensions, both signed', ['Issuer', 'Signature', 'Signature', 'Extensions', 'Status', 'Assertion']],
    ['in Advice, both signed', ['Issuer', 'Signature', 'Signature', 'Status', 'Assertion']],
  ])(
    '%s: the relocated signature verifies; the Response’s own, computed before, does not',
    async (name, order) => {
      const { xml, doc } = await build(name);
      const root = doc.documentElement!;
      expect(kids(root)).toEqual(order);
      const [relocated, own] = childrenOf(root).filter((c) => c.localName === 'Signature');
      expect(referenceOf(own!)).toBe(`#${root.getAttribute('ID')}`);
      expect(verifyWith(xml, relocated!, CERT)).toBe(true);
      expect(signedInfoVerifies(own!, CERT)).toBe(true);
      expect(verifies(xml, own!, CERT)).toBe(false);
      expect(subjectName(childPath(root, 'Assertion'))).toBe(VICTIM);
    },
  );

  it('in Extensions is the scenario’s own layout', async () => {
    const { doc } = await build('in Extensions');
    expect(kids(doc.documentElement!)).toEqual(['Issuer', 'Signature', 'Extensions', 'Status', 'Assertion']);
  });
});
