/** @module Tests for XML-01..11: DTD payloads stay small and loopback-only, text edits are exactly as intended, and the signed part underneath is intact. */
import { describe, expect, it } from 'vitest';
import { responseFor, scenarioIdp } from '../../runner/engine/test-support/scenario-harness.js';
import parsing from './xml-parsing.js';
import wellformedness from './xml-wellformedness.js';
import { TAIL_IDENTITY } from './common.js';
import { LOOPBACK_CANARY } from '../mutations/xml-text.js';
import { EVIL_ASSERTION_ID, EVIL_RESPONSE_ID } from '../mutations/xsw.js';
import { variantOf } from '../test-support/variants.js';
import type { Scenario } from '../types.js';
import {
  all,
  childrenOf,
  directSignature,
  one,
  parseXml,
  pick,
  saml,
  verifies,
  verifyAlone,
  verifyWith,
} from './test-support/verify.js';

const idp = scenarioIdp();
const CERT = idp.tenant.signingMaterial(idp.app).certificatePem;
const DOCTYPE = /^<!DOCTYPE samlp:Response \[(.*?)\]>/s;

/** The response without its DOCTYPE (and with `&name;` replaced), then its Assertion signature checked. */
function assertionVerifies(xml: string, entities: Record<string, string> = {}): boolean {
  let body = xml.replace(DOCTYPE, '');
  for (const [name, value] of Object.entries(entities)) body = body.split(`&${name};`).join(value);
  return verifyWith(body, directSignature(saml(parseXml(body), 'Assertion')[0]!), CERT);
}

describe('attacks/xml DTDs and external references (XML-01..04, XML-07)', () => {
  const build = (slug: string) => responseFor(pick(parsing, slug));

  it('XML-01 only prefixes an unused entity declaration to a valid response', async () => {
    const { xml } = await build('doctype-present');
    expect(DOCTYPE.exec(xml)?.[1]).toBe('<!ENTITY unused "x">');
    expect(assertionVerifies(xml)).toBe(true);
  });

  it('XML-02 points the external parameter entity only at the loopback canary', async () => {
    const { xml } = await build('xxe-parameter-entity-loopback');
    const subset = DOCTYPE.exec(xml)?.[1] ?? '';
    expect(subset).toBe(`<!ENTITY % ext SYSTEM "${LOOPBACK_CANARY}/xxe"> %ext;`);
    const hosts = [...subset.matchAll(/[a-z]+:\/\/([^/:"]+)/g)].map((m) => m[1]);
    expect(hosts).toEqual(['127.0.0.1']);
    expect(assertionVerifies(xml)).toBe(true);
  });

  it('XML-02 references a file:// entity as the NameID', async () => {
    const { xml } = await build('xxe-file-entity-in-nameid');
    expect(DOCTYPE.exec(xml)?.[1]).toBe('<!ENTITY ext SYSTEM "file:///etc/hostname">');
    expect(xml).toMatch(/<NameID [^>]*>&ext;<\/NameID>/);
  });

  it('XML-03 stays ~1 KB on the wire while expanding to ≥1 GB', async () => {
    const { xml } = await build('entity-expansion-billion-laughs');
    const subset = DOCTYPE.exec(xml)?.[1] ?? '';
    expect(subset.length).toBeLessThan(2_000);
    const fanout = (subset.match(/<!ENTITY lol1 "([^"]*)"/)?.[1] ?? '').split(';').length - 1;
    const levels = (subset.match(/<!ENTITY /g) ?? []).length;
    expect(3 * fanout ** (levels - 1)).toBeGreaterThanOrEqual(1e9);
    expect(xml).toContain(`<AttributeValue>&lol${levels - 1};</AttributeValue>`);
  });

  it('XML-04 splices the signed TAIL NameID back together only through the entity', async () => {
    const { xml } = await build('entity-splices-tail-into-nameid');
    expect(DOCTYPE.exec(xml)?.[1]).toBe('<!ENTITY t ".evil.test">');
    expect(xml).toContain(`>${idp.victim}&t;</NameID>`);
    expect(xml).not.toContain(TAIL_IDENTITY);
    expect(assertionVerifies(xml, { t: '.evil.test' })).toBe(true);
  });

  it('XML-07 signs an xi:include of the loopback canary', async () => {
    const { xml, doc } = await build('xinclude-loopback');
    const include = one(doc, 'include');
    expect(include.namespaceURI).toBe('http://www.w3.org/2001/XInclude');
    expect(include.getAttribute('href')).toBe(LOOPBACK_CANARY);
    expect(verifyWith(xml, directSignature(saml(doc, 'Assertion')[0]!), CERT)).toBe(true);
  });
});

describe('attacks/xml well-formedness and shape (XML-05, 06, 08..11)', () => {
  const build = (slug: string) => responseFor(pick(wellformedness, slug));

  it('XML-05: first root is the IdP-signed Assertion (verifies alone), second the forged unsigned Response', async () => {
    const { xml } = await build('multiple-roots-signed-assertion-first');
    const split = xml.indexOf('<samlp:Response');
    expect(xml.startsWith('<Assertion ')).toBe(true);
    const signed = parseXml(xml.slice(0, split)).documentElement!;
    expect(verifyAlone(signed, directSignature(signed), CERT)).toBe(true);
    const forged = saml(parseXml(xml.slice(split)), 'Assertion')[0]!;
    expect(forged.getAttribute('ID')).toBe(signed.getAttribute('ID'));
    expect(childrenOf(forged).map((c) => c.localName)).not.toContain('Signature');
    expect(one(forged, 'NameID').textContent).toBe(idp.victim);
  });

  it.each([
    ['trailing-text', 'garbage'],
    ['trailing-xml-declaration', '<?xml version="1.0"?>'],
  ])('XML-06 %s: a valid response followed by %s', async (slug, trailer) => {
    const { xml } = await build(slug);
    expect(xml.endsWith(`</samlp:Response>${trailer}`)).toBe(true);
    expect(assertionVerifies(xml.slice(0, -trailer.length))).toBe(true);
  });

  it('XML-08 declares ISO-8859-1 over a UTF-8 signed display name', async () => {
    const { xml } = await build('declared-encoding-mismatch');
    expect(xml.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?><samlp:Response')).toBe(true);
    expect(Buffer.from(xml, 'utf8').includes(Buffer.from('B.Sim\u00f3n', 'utf8'))).toBe(true);
    expect(assertionVerifies(xml.replace(/^<\?xml[^>]*\?>/, ''))).toBe(true);
  });

  it('XML-09 duplicates the Assertion ID attribute and puts a bare & in text', async () => {
    const duplicate = (await build('duplicate-id-attribute')).xml;
    expect(duplicate.match(/<Assertion [^>]*>/)?.[0].match(/ ID="/g)).toHaveLength(2);
    const ampersand = (await build('unescaped-ampersand')).xml;
    expect(ampersand).toMatch(/<AttributeValue>[^<]* & <\/AttributeValue>/);
  });

  it('XML-10 nests 10 000 elements in under 100 KB, and pads a value to ~900 KB (< 1 MB)', async () => {
    const deep = (await build('deep-nesting')).xml;
    expect(deep).toContain(`${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`);
    expect(deep.length).toBeLessThan(100_000);
    const { xml, doc } = await build('oversized-attribute');
    expect(xml.length).toBeGreaterThan(900_000);
    expect(Buffer.byteLength(xml)).toBeLessThan(1_000_000);
    expect(verifies(xml, directSignature(saml(doc, 'Assertion')[0]!), CERT)).toBe(false);
  });

  it('XML-11 breaks schema order while the Assertion signature stays valid', async () => {
    for (const [slug, order] of [
      ['status-after-assertion', ['Issuer', 'Assertion', 'Status']],
      ['two-response-issuers', ['Issuer', 'Issuer', 'Status', 'Assertion']],
    ] as const) {
      const { xml, doc } = await build(slug);
      expect(childrenOf(doc.documentElement!).map((c) => c.localName)).toEqual(order);
      expect(verifyWith(xml, directSignature(saml(doc, 'Assertion')[0]!), CERT)).toBe(true);
    }
  });
});

describe('attacks/xml XML-05 variants: copied and fresh IDs', () => {
  const multipleRoots = pick(wellformedness, 'multiple-roots-signed-assertion-first');
  /** The two roots, each parsed alone, and every ID value either of them carries. */
  const roots = async (scenario: Scenario) => {
    const { xml } = await responseFor(scenario);
    // The second root starts where a Response starts after the first character (the first root may be one).
    const at = xml.indexOf('<samlp:Response', 1);
    expect(at).toBeGreaterThan(0);
    const [signed, forged] = [parseXml(xml.slice(0, at)), parseXml(xml.slice(at))];
    const ids = (doc: typeof signed) =>
      all(doc, '*').flatMap((e) => (e.hasAttribute('ID') ? [e.getAttribute('ID')!] : []));
    return { signed: signed.documentElement!, forged, signedIds: ids(signed), forgedIds: ids(forged) };
  };
  const forgedAssertion = (forged: Awaited<ReturnType<typeof roots>>['forged']) =>
    saml(forged, 'Assertion')[0]!;

  it('copied assertion ID: the forged Assertion keeps the signed ID, so an ID count across roots finds it twice', async () => {
    const { signed, forged, signedIds, forgedIds } = await roots(
      variantOf(multipleRoots, 'copied assertion ID'),
    );
    expect(verifyAlone(signed, directSignature(signed), CERT)).toBe(true);
    expect(forgedAssertion(forged).getAttribute('ID')).toBe(signed.getAttribute('ID'));
    expect(forgedIds.filter((id) => signedIds.includes(id))).toEqual([signed.getAttribute('ID')]);
    expect(one(forgedAssertion(forged), 'NameID').textContent).toBe(idp.victim);
    expect(all(forgedAssertion(forged), 'Signature')).toHaveLength(0);
  });

  it('fresh IDs: the forged Response and Assertion carry forged IDs of their own; no ID is in both roots', async () => {
    const { signed, forged, signedIds, forgedIds } = await roots(variantOf(multipleRoots, 'fresh IDs'));
    expect(verifyAlone(signed, directSignature(signed), CERT)).toBe(true);
    expect(one(signed, 'NameID').textContent).toBe(
      idp.tenant.requireUser(idp.baselineUser).userPrincipalName,
    );
    expect(forged.documentElement!.getAttribute('ID')).toMatch(new RegExp(`^${EVIL_RESPONSE_ID}_[0-9a-f]+$`));
    expect(forgedAssertion(forged).getAttribute('ID')).toMatch(
      new RegExp(`^${EVIL_ASSERTION_ID}_[0-9a-f]+$`),
    );
    expect(forgedIds.filter((id) => signedIds.includes(id))).toEqual([]);
    expect(one(forgedAssertion(forged), 'NameID').textContent).toBe(idp.victim);
    // Unique per response: another build forges other IDs (a replay cache never links two forgeries).
    const again = await roots(variantOf(multipleRoots, 'fresh IDs'));
    expect(again.forgedIds).not.toContain(forged.documentElement!.getAttribute('ID'));
  });

  it('with only the Response signed, the first root is the IdP-signed Response, the forged one unsigned', async () => {
    const fresh = variantOf(multipleRoots, 'fresh IDs');
    const { signed, forged } = await roots({ ...fresh, response: { ...fresh.response, sign: 'response' } });
    expect(signed.localName).toBe('Response');
    expect(verifyAlone(signed, directSignature(signed), CERT)).toBe(true);
    expect(all(forged, 'Signature')).toHaveLength(0);
    expect(one(forgedAssertion(forged), 'NameID').textContent).toBe(idp.victim);
  });
});
