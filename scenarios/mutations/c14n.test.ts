import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { canonical, excC14n } from './c14n.js';
import { all, remove, signatureOf } from './dom.js';

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const DOCUMENT = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Version="2.0"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://idp/</saml:Issuer><Signature xmlns="${DS}"><SignedInfo><Reference URI="#_r"/></SignedInfo><SignatureValue>AAA=</SignatureValue></Signature><saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a"><saml:Issuer>https://idp/</saml:Issuer><ds:Signature xmlns:ds="${DS}"><ds:SignedInfo><ds:Reference URI="#_a"/></ds:SignedInfo><!-- c --><ds:SignatureValue>BBB=</ds:SignatureValue></ds:Signature><saml:Subject><saml:NameID>b.simon@contoso.com</saml:NameID><!-- hidden --></saml:Subject><saml:Conditions><saml:AudienceRestriction><saml:Audience>spn:x</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:Advice><saml:Assertion ID="_n"><saml:Issuer>other</saml:Issuer></saml:Assertion></saml:Advice></saml:Assertion></samlp:Response>`;

/** What canonical() gave before it stopped copying: the canonical form of a copy with the exclusions removed. */
function onCopy(element: Element, exclude: readonly string[]): string {
  const copy = element.cloneNode(true) as Element;
  remove(signatureOf(copy));
  for (const name of exclude) for (const el of all(copy, name)) remove(el);
  return excC14n(copy);
}

describe('canonical', () => {
  const cases: Array<[string, readonly string[]]> = [
    ['Response', []],
    ['Response', ['Assertion']],
    ['Response', ['Signature', 'Issuer']],
    ['Assertion', []],
    ['Assertion', ['Assertion', 'Issuer']],
    ['Assertion', ['Subject', 'NameID']],
    ['Subject', []],
  ];
  it.each(cases)('of %s without %j: what a copy gives, and the document left as it was', (name, exclude) => {
    const doc = new DOMParser().parseFromString(DOCUMENT, 'text/xml');
    const element = all(doc, name)[0]!;
    const before = new XMLSerializer().serializeToString(doc);
    const expected = onCopy(element, exclude);
    expect(canonical(element, exclude)).toBe(expected);
    expect(new XMLSerializer().serializeToString(doc)).toBe(before);
    // And again: the nodes put back are where they were, so a second reading is the same.
    expect(canonical(element, exclude)).toBe(expected);
  });

  it('leaves out what it is told to (the comparison above compares different texts)', () => {
    const doc = new DOMParser().parseFromString(DOCUMENT, 'text/xml');
    const assertion = all(doc, 'Assertion')[0]!;
    expect(canonical(assertion)).not.toContain('SignatureValue');
    expect(canonical(assertion)).toContain('b.simon@contoso.com');
    expect(canonical(assertion, ['Subject'])).not.toContain('b.simon@contoso.com');
  });
});
