import { describe, expect, it } from 'vitest';
import { AadstsError, parseAuthnRequest, parseSamlMessage } from '../../mock-idp/internal.js';
import { AuthnRequestReader, cutIdAndInstant } from './authn-request-reader.js';

const request = (
  id: string,
  instant: string,
  o: { acs?: string; quote?: string; prefix?: string } = {},
): string => {
  const q = o.quote ?? '"';
  const p = o.prefix ?? 'samlp';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${p}:AuthnRequest xmlns:${p}="urn:oasis:names:tc:SAML:2.0:protocol" ` +
    `xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID=${q}${id}${q} Version="2.0" IssueInstant=${q}${instant}${q} ` +
    `Destination="https://login.microsoftonline.com/t/saml2" AssertionConsumerServiceURL="${o.acs ?? 'https://sp.example.com/acs'}">` +
    `<saml:Issuer>https://sp.example.com</saml:Issuer><${p}:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"/>` +
    `</${p}:AuthnRequest>`
  );
};

/** The reading the mock IdP makes, or the AADSTS code it refuses with. */
function fresh(xml: string): unknown {
  try {
    return parseAuthnRequest(parseSamlMessage(xml));
  } catch (error) {
    return error instanceof AadstsError ? { refused: error.code } : { other: String(error) };
  }
}

function viaReader(reader: AuthnRequestReader, xml: string): unknown {
  try {
    return reader.read(xml);
  } catch (error) {
    return error instanceof AadstsError ? { refused: error.code } : { other: String(error) };
  }
}

describe('AuthnRequestReader', () => {
  it('reads a request of a known template as the mock IdP reads it, with its own ID and IssueInstant', () => {
    const reader = new AuthnRequestReader();
    for (let n = 0; n < 5; n++) {
      const xml = request(`_id${n}`, `2026-12-06T10:00:0${n}Z`);
      expect(reader.read(xml)).toEqual(fresh(xml));
    }
    expect(reader.templates).toBe(1);
    expect(reader.hits).toBe(4);
    // Another ACS URL is another template, read in full.
    const other = request('_x', '2026-12-06T10:00:00Z', { acs: 'https://sp.example.com/other' });
    expect(reader.read(other)).toEqual(fresh(other));
    expect(reader.templates).toBe(2);
  });

  it("still applies Entra's ID rule to a known template", () => {
    const reader = new AuthnRequestReader();
    reader.read(request('_ok', '2026-12-06T10:00:00Z'));
    const digitFirst = request('9starts-with-a-digit', '2026-12-06T10:00:00Z');
    expect(viaReader(reader, digitFirst)).toEqual({ refused: '7500529' });
    expect(fresh(digitFirst)).toEqual({ refused: '7500529' });
  });

  it('cuts only what it can be sure of', () => {
    expect(cutIdAndInstant(request('_a', '2026-12-06T10:00:00Z'))).toMatchObject({
      id: '_a',
      issueInstant: '2026-12-06T10:00:00Z',
    });
    expect(cutIdAndInstant(request('_a', '2026-12-06T10:00:00Z', { quote: "'", prefix: 'p' }))?.id).toBe(
      '_a',
    );
    // A reference, a space or nothing in a value; a repeated ID; a start tag it cannot follow to its end.
    for (const xml of [
      request('_&#x41;', '2026-12-06T10:00:00Z'),
      request('_a b', '2026-12-06T10:00:00Z'),
      request('', '2026-12-06T10:00:00Z'),
      request('_a" ID="_b', '2026-12-06T10:00:00Z'),
      request('_a', '2026-12-06T10:00:00Z').replace('Version="2.0"', 'Version="2&amp;0"'),
      request('_a', '2026-12-06T10:00:00Z').replace('<samlp:AuthnRequest', '<!-- c --><samlp:AuthnRequest'),
    ])
      expect(cutIdAndInstant(xml), xml).toBeUndefined();
  });

  it('gives the mock IdP reading for any text, however it differs from a known template', () => {
    const reader = new AuthnRequestReader();
    const base = request('_base', '2026-12-06T10:00:00Z');
    reader.read(base);
    const pieces = ['"', "'", '<', '>', '&', '&amp;', ' ', 'ID="_z"', 'x', '9', '\n', '=', ':', '/'];
    let seed = 11;
    const random = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
    for (let n = 0; n < 400; n++) {
      let xml =
        n % 2 === 0 ? request(`_id${n}`, `2026-12-06T10:00:${String(n % 60).padStart(2, '0')}Z`) : base;
      for (let edits = 1 + random(2); edits > 0; edits--) {
        const at = random(xml.length + 1);
        xml = `${xml.slice(0, at)}${pieces[random(pieces.length)]}${xml.slice(at + random(2))}`;
      }
      expect(viaReader(reader, xml), xml).toEqual(fresh(xml));
    }
  });
});
