/** @module Tests for C14N-01..13: hidden text keeps the canonical form (the signature verifies) while a naive read yields the victim; digest and SignedInfo tricks keep SignatureValue valid. */
import { describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { responseFor, scenarioIdp, SP_ENTITY_ID } from '../../runner/engine/test-support/scenario-harness.js';
import { ALG, CLAIM } from '../../mock-idp/constants/namespaces.js';
import truncation from './c14n.js';
import signatures from './c14n-signature.js';
import { TAIL_IDENTITY } from './common.js';
import { EVIL_ASSERTION_ID } from '../mutations/xsw.js';
import { FOREIGN_NS } from '../mutations/c14n.js';
import { variantsOf } from '../test-support/variants.js';
import {
  SAML_NS,
  all,
  childrenOf,
  digest,
  directSignature,
  firstText,
  one,
  pick,
  saml,
  serializeXml,
  signedInfoVerifies,
  verifies,
  verifyAlone,
  verifyWith,
} from './test-support/verify.js';

const idp = scenarioIdp();
const CERT = idp.tenant.signingMaterial(idp.app).certificatePem;
const VICTIM = idp.victim;
const attributeValue = (root: Element, name: string) =>
  one(
    saml(root, 'Attribute').find((a) => a.getAttribute('Name') === name)!,
    'AttributeValue',
  );

describe('attacks/c14n truncation (C14N-01..04, C14N-10): canonical form unchanged, naive read is the victim', () => {
  it.each([
    ['nameid-comment-truncation', 8, TAIL_IDENTITY],
    ['nameid-cdata-split', 4, TAIL_IDENTITY],
    // DOM textContent skips PIs, so even a "whole text" reader sees the victim (CVE-2025-54419).
    ['nameid-processing-instruction-truncation', 7, VICTIM],
  ])('%s', async (slug, hiddenType, textContent) => {
    const { xml, doc } = await responseFor(pick(truncation, slug));
    const assertion = saml(doc, 'Assertion')[0]!;
    for (const el of [one(assertion, 'NameID'), attributeValue(assertion, CLAIM.emailAddress)]) {
      expect(firstText(el)).toBe(VICTIM);
      expect(el.childNodes[1]!.nodeType).toBe(hiddenType);
      expect(el.textContent).toBe(textContent);
    }
    expect(verifyWith(xml, directSignature(assertion), CERT)).toBe(true);
  });

  it('C14N-04 splits only the email and name claims; NameID stays whole', async () => {
    const { xml, doc } = await responseFor(pick(truncation, 'email-attribute-comment-truncation'));
    const assertion = saml(doc, 'Assertion')[0]!;
    expect(one(assertion, 'NameID').childNodes).toHaveLength(1);
    expect(firstText(one(assertion, 'NameID'))).toBe(TAIL_IDENTITY);
    const email = attributeValue(assertion, CLAIM.emailAddress);
    expect([firstText(email), email.textContent]).toEqual([VICTIM, TAIL_IDENTITY]);
    expect(verifyWith(xml, directSignature(assertion), CERT)).toBe(true);
  });

  it("C14N-04 signs a foreign Audience that reads as the SP's entityID up to a comment", async () => {
    const { xml, doc } = await responseFor(pick(truncation, 'audience-comment-truncation'));
    const audience = one(doc, 'Audience');
    expect(firstText(audience)).toBe(SP_ENTITY_ID);
    expect(audience.textContent).toBe(`${SP_ENTITY_ID}.evil.test`);
    expect(verifyWith(xml, directSignature(saml(doc, 'Assertion')[0]!), CERT)).toBe(true);
  });

  it('C14N-10 re-signs with exc-c14n#WithComments; a #ID reference still drops the comment', async () => {
    const { xml, doc } = await responseFor(pick(truncation, 'with-comments-method-truncation'));
    const signature = directSignature(saml(doc, 'Assertion')[0]!);
    expect(one(signature, 'CanonicalizationMethod').getAttribute('Algorithm')).toBe(ALG.excC14nWithComments);
    expect(all(signature, 'Transform').map((t) => t.getAttribute('Algorithm'))).toContain(
      ALG.excC14nWithComments,
    );
    expect(firstText(one(doc, 'NameID'))).toBe(VICTIM);
    expect(verifyWith(xml, signature, CERT)).toBe(true);
  });
});

describe('attacks/c14n digest and SignedInfo tricks (C14N-05..09, 11, 13)', () => {
  const build = (slug: string) => responseFor(pick(signatures, slug));

  it('C14N-05: each DigestValue leads with a comment holding the tampered digest; SignatureValues still verify', async () => {
    const { xml, doc } = await build('digest-value-comment');
    const assertion = saml(doc, 'Assertion')[0]!;
    expect(one(assertion, 'NameID').textContent).toBe(VICTIM);
    for (const signed of [assertion, doc.documentElement!]) {
      const signature = directSignature(signed);
      const value = one(signature, 'DigestValue');
      expect(value.firstChild!.nodeType).toBe(8);
      expect(value.firstChild!.nodeValue).toBe(digest(signed));
      expect(value.lastChild!.nodeValue).not.toBe(digest(signed));
      expect(signedInfoVerifies(signature, CERT)).toBe(true);
      expect(verifies(xml, signature, CERT)).toBe(false);
    }
  });

  it('C14N-06: the DigestValue text, split by a comment, still equals the digest', async () => {
    const { xml, doc } = await build('digest-value-split-by-comment');
    const assertion = saml(doc, 'Assertion')[0]!;
    const value = one(directSignature(assertion), 'DigestValue');
    expect(value.childNodes).toHaveLength(3);
    expect(value.textContent).toBe(digest(assertion));
    expect(verifyWith(xml, directSignature(assertion), CERT)).toBe(true);
  });

  it('C14N-07: a second DigestValue holds the tampered digest', async () => {
    const { doc } = await build('second-digest-value');
    const assertion = saml(doc, 'Assertion')[0]!;
    const values = all(directSignature(assertion), 'DigestValue');
    expect(values).toHaveLength(2);
    expect(values[1]!.textContent).toBe(digest(assertion));
    expect(one(assertion, 'NameID').textContent).toBe(VICTIM);
  });

  it('C14N-08: the first Reference/DigestValue in the document is a forged one matching the tampered Assertion', async () => {
    const { doc } = await build('global-digest-value-lookup');
    const assertion = saml(doc, 'Assertion')[0]!;
    const [forged, real] = all(doc, 'Reference');
    expect((forged!.parentNode as Element).localName).toBe('Extensions');
    expect(forged!.getAttribute('URI')).toBe(real!.getAttribute('URI'));
    expect(all(doc, 'DigestValue')[0]!.textContent).toBe(digest(assertion));
    expect(one(assertion, 'NameID').textContent).toBe(VICTIM);
    expect(signedInfoVerifies(directSignature(assertion), CERT)).toBe(true);
  });

  it.each(['sibling', 'wrapped'])(
    'C14N-09 (%s): a second SignedInfo references the forged Assertion by its true digest',
    async (placement) => {
      const { doc } = await build(`second-signed-info-${placement}`);
      const [forged, signed] = saml(doc, 'Assertion');
      expect(forged!.getAttribute('ID')).toMatch(new RegExp(`^${EVIL_ASSERTION_ID}_[0-9a-f]+$`));
      expect(one(forged!, 'NameID').textContent).toBe(VICTIM);
      const signature = directSignature(signed!);
      const [first, second] = all(signature, 'SignedInfo');
      expect((second!.parentNode as Element).localName).toBe(
        placement === 'sibling' ? 'Signature' : 'Wrapper',
      );
      expect(one(second!, 'Reference').getAttribute('URI')).toMatch(
        new RegExp(`^#${EVIL_ASSERTION_ID}_[0-9a-f]+$`),
      );
      expect(one(second!, 'DigestValue').textContent).toBe(digest(forged!));
      expect(childrenOf(signature)[0]).toBe(first);
      expect(signedInfoVerifies(signature, CERT)).toBe(true);
      second!.parentNode!.removeChild(second!);
      expect(verifyAlone(signed!, signature, CERT)).toBe(true);
    },
  );

  it('C14N-11: the XPath filter leaves NameID and Attributes out of the digest, so the victim swap keeps it valid', async () => {
    const { doc } = await build('xpath-transform-excludes-identity');
    const assertion = saml(doc, 'Assertion')[0]!;
    const signature = directSignature(assertion);
    expect(one(signature, 'XPath').textContent).toContain('ancestor-or-self::saml:NameID');
    expect(one(signature, 'DigestValue').textContent).toBe(
      digest(assertion, 'sha256', ['NameID', 'Attribute']),
    );
    expect(one(assertion, 'NameID').textContent).toBe(VICTIM);
    expect(signedInfoVerifies(signature, CERT)).toBe(true);
  });

  it('C14N-11: three transforms, K-signed and valid', async () => {
    const { xml, doc } = await build('three-transforms');
    const signature = directSignature(saml(doc, 'Assertion')[0]!);
    expect(all(signature, 'Transform')).toHaveLength(3);
    expect(verifyWith(xml, signature, CERT)).toBe(true);
  });

  it('C14N-13: a foreign-namespace victim Assertion precedes the only SAML Assertion, which verifies', async () => {
    const { xml, doc } = await build('foreign-namespace-decoy-assertion');
    const [decoy, signed] = all(doc, 'Assertion');
    expect(decoy!.namespaceURI).toBe(FOREIGN_NS);
    expect(one(decoy!, 'NameID').textContent).toBe(VICTIM);
    expect(saml(doc, 'Assertion')).toEqual([signed]);
    expect(serializeXml(decoy!)).toMatch(new RegExp(`^<Assertion [^>]*xmlns="${FOREIGN_NS}"`));
    expect(signed!.namespaceURI).toBe(SAML_NS);
    expect(verifyWith(xml, directSignature(signed!), CERT)).toBe(true);
  });
});

describe('attacks/c14n truncation variants: where the tail is hidden, and how', () => {
  const NODE_TYPE = { comment: 8, PI: 7, CDATA: 4 } as const;
  const split = (el: Element) => el.childNodes.length > 1;
  const cases = truncation.scenarios
    .flatMap((s) => variantsOf(s).map(([name, single]) => [s.id, name, single] as const))
    .filter(([, name]) => / in /.test(name));

  it('covers every splitter in NameID only, in NameID and claims, and in the e-mail claims only', () => {
    const names = cases.map(([, name]) => name);
    for (const how of Object.keys(NODE_TYPE))
      for (const where of ['NameID only', 'NameID and claims', 'the e-mail claims'])
        expect(names).toContain(`${how} in ${where}`);
  });

  it.each(cases)('%s, %s', async (_id, name, scenario) => {
    const how = name.split(' ')[0] as keyof typeof NODE_TYPE;
    const { xml, doc } = await responseFor(scenario);
    const assertion = saml(doc, 'Assertion')[0]!;
    const nameId = one(assertion, 'NameID');
    const claims = [CLAIM.emailAddress, CLAIM.name].map((claim) => attributeValue(assertion, claim));
    const inNameId = !name.endsWith('the e-mail claims');
    const inClaims = !name.endsWith('NameID only');
    expect(split(nameId)).toBe(inNameId);
    for (const claim of claims) expect(split(claim), claim.textContent ?? '').toBe(inClaims);
    for (const el of [nameId, ...claims]) {
      if (!split(el)) {
        expect(firstText(el)).toBe(TAIL_IDENTITY);
        continue;
      }
      expect(firstText(el)).toBe(VICTIM);
      expect(el.childNodes[1]!.nodeType).toBe(NODE_TYPE[how]);
    }
    expect(verifyWith(xml, directSignature(assertion), CERT)).toBe(true);
  });
});
