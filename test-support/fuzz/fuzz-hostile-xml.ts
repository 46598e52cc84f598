/**
 * @module Hostile and odd XML for the fuzzer: DTDs, entities, external entities pointing at the canary or
 * outside the network guard, XInclude, deep nesting, huge and NUL-laden documents.
 */
import type { FuzzContext } from './fuzz-context.js';
import { authnRequest, SAMLP } from './fuzz-protocol-xml.js';
import { int, pick, type Rng } from './fuzz-rng.js';

/** Hostile and odd documents; each is a complete message (text) or raw bytes. */
export function hostileXml(rng: Rng, ctx: FuzzContext): { name: string; xml: string | Buffer } {
  const issuer = ctx.issuer;
  const external = pick(rng, [`${ctx.canaryUrl}/xxe`, `${ctx.outsideUrl}/xxe`]);
  const options: Array<() => { name: string; xml: string | Buffer }> = [
    () => ({
      name: 'external-entity',
      xml: `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "${external}">]>${authnRequest({ issuer: `${issuer}&x;` })}`,
    }),
    () => ({
      name: 'parameter-entity',
      xml: `<!DOCTYPE r [<!ENTITY % p SYSTEM "${external}"> %p;]>${authnRequest({ issuer })}`,
    }),
    () => ({
      name: 'billion-laughs',
      xml: `<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>${authnRequest({ issuer: `${issuer}&d;` })}`,
    }),
    () => ({
      name: 'doctype-lowercase-spacing',
      xml: `<!doctype\n r SYSTEM "${external}">${authnRequest({ issuer })}`,
    }),
    () => ({
      name: 'xinclude',
      xml: authnRequest({
        issuer,
        inner: `<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="${external}" parse="text"/>`,
      }),
    }),
    () => ({
      name: 'xslt-pi',
      xml: `<?xml-stylesheet type="text/xsl" href="${external}"?>${authnRequest({ issuer })}`,
    }),
    () => ({
      name: 'schema-location',
      xml: authnRequest({
        issuer,
        extraAttrs: `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${SAMLP} ${external}"`,
      }),
    }),
    () => ({
      name: 'deep-nesting',
      xml: authnRequest({
        issuer,
        inner: `${'<samlp:Extensions>'.repeat(1 + int(rng, 40_000))}`,
      }),
    }),
    () => {
      const depth = 1 + int(rng, 5000);
      return {
        name: 'deep-nesting-closed',
        xml: authnRequest({
          issuer,
          inner: `<samlp:Extensions>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</samlp:Extensions>`,
        }),
      };
    },
    () => ({
      name: 'huge-attribute',
      xml: authnRequest({ issuer, extraAttrs: `ProviderName="${'A'.repeat(int(rng, 400_000))}"` }),
    }),
    () => ({
      name: 'many-attributes',
      xml: authnRequest({
        issuer,
        extraAttrs: Array.from({ length: 1 + int(rng, 5000) }, (_, i) => `a${i}="${i}"`).join(' '),
      }),
    }),
    () => ({
      name: 'nul-character',
      xml: authnRequest({
        issuer: pick(rng, [`${issuer}\u0000`, `\u0000${issuer}`, issuer]),
        id: pick(rng, ['_a\u0000b', '_fz']),
      }),
    }),
    () => ({ name: 'nul-reference', xml: authnRequest({ issuer: `${issuer}&#0;` }) }),
    () => ({ name: 'control-characters', xml: authnRequest({ issuer: `${issuer}\u0001\u001f\uffff` }) }),
    () => ({
      name: 'comment-in-issuer',
      xml: authnRequest({ issuer: `${issuer.slice(0, 10)}<!-- c -->${issuer.slice(10)}` }),
    }),
    () => ({ name: 'cdata-issuer', xml: authnRequest({ issuer: `<![CDATA[${issuer}]]>` }) }),
    () => ({
      name: 'utf16',
      xml: Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(`<?xml version="1.0" encoding="UTF-16"?>${authnRequest({ issuer })}`, 'utf16le'),
      ]),
    }),
    () => ({
      name: 'invalid-utf8',
      xml: Buffer.concat([
        Buffer.from(authnRequest({ issuer }).slice(0, 120)),
        Buffer.from(pick(rng, [[0xc0, 0xaf], [0xff], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]])),
        Buffer.from(authnRequest({ issuer }).slice(120)),
      ]),
    }),
    () => ({
      name: 'latin1-declared',
      xml: Buffer.from(
        `<?xml version="1.0" encoding="ISO-8859-1"?>${authnRequest({ issuer: `${issuer}\u00e9` })}`,
        'latin1',
      ),
    }),
    () => ({ name: 'not-xml', xml: pick(rng, ['', ' ', 'hello', '{"a":1}', '<', '<a', '<<<>>>', '\u0000']) }),
    () => ({ name: 'wrong-namespace', xml: authnRequest({ issuer }).replace(SAMLP, 'urn:example:not-saml') }),
    () => ({
      name: 'two-roots',
      xml: `${authnRequest({ issuer })}${authnRequest({ issuer })}`,
    }),
    () => ({ name: 'response-as-request', xml: authnRequest({ issuer, root: 'Response' }) }),
    () => ({ name: 'logout-response', xml: authnRequest({ issuer, root: 'LogoutResponse' }) }),
  ];
  return pick(rng, options)();
}
