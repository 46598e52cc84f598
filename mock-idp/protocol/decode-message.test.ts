/** @module Tests for SAML message decoding: bindings, bounds and hostile input. */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AadstsError } from './aadsts.js';
import {
  decodeSamlMessage,
  MAX_MESSAGE_BYTES,
  parseRedirectQuery,
  parseSamlMessage,
} from './decode-message.js';

const XML = '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_a" Version="2.0"/>';
const redirectEncode = (xml: string | Buffer): string => deflateRawSync(Buffer.from(xml)).toString('base64');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AadstsError) return error.code;
    throw error;
  }
  return undefined;
}

/** Runs fn, expecting AADSTS75005, and returns the elapsed milliseconds. */
// No wall-clock bound (machines are shared and noisy): with DTDs and entities off the parser never expands
// anything, so the code is the proof; a parser that did expand would blow the test's own timeout.
function expect75005(fn: () => unknown): void {
  expect(codeOf(fn)).toBe('75005');
}

describe('decodeSamlMessage', () => {
  it('inflates and decodes an HTTP-Redirect message', () => {
    expect(decodeSamlMessage(redirectEncode(XML), 'redirect')).toBe(XML);
  });

  it('decodes an HTTP-POST message, tolerating line-wrapped base64', () => {
    const wrapped = Buffer.from(XML)
      .toString('base64')
      .replace(/(.{76})/g, '$1\r\n');
    expect(decodeSamlMessage(wrapped, 'post')).toBe(XML);
  });

  it('reports a missing message as AADSTS750054', () => {
    expect(codeOf(() => decodeSamlMessage(undefined, 'redirect'))).toBe('750054');
  });

  it.each([
    ['empty', ''],
    ['whitespace only', ' \r\n '],
    ['characters outside base64', 'PHNhbWxwOkF1dGhu@@@='],
    ['bad padding', 'abc'],
  ])('rejects %s input as AADSTS75005', (_name, input) => {
    expect(codeOf(() => decodeSamlMessage(input, 'post'))).toBe('75005');
    expect(codeOf(() => decodeSamlMessage(input, 'redirect'))).toBe('75005');
  });

  it('rejects base64 that is not DEFLATE data on the Redirect binding', () => {
    expect(
      codeOf(() => decodeSamlMessage(Buffer.from('not deflate at all').toString('base64'), 'redirect')),
    ).toBe('75005');
  });

  it('rejects a message that is not UTF-8', () => {
    expect(
      codeOf(() => decodeSamlMessage(Buffer.from([0x3c, 0xff, 0xfe, 0x3e]).toString('base64'), 'post')),
    ).toBe('75005');
  });

  it('rejects 10 MB of base64 without decoding it', () => {
    const huge = 'A'.repeat(10 * 1024 * 1024);
    expect75005(() => decodeSamlMessage(huge, 'post'));
    expect75005(() => decodeSamlMessage(huge, 'redirect'));
  });

  it('stops inflating a deflate bomb at the size limit', () => {
    const bomb = redirectEncode(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(MAX_MESSAGE_BYTES);
    expect75005(() => decodeSamlMessage(bomb, 'redirect'));
  });

  it('rejects a POSTed message larger than the limit', () => {
    const big = Buffer.alloc(MAX_MESSAGE_BYTES + 3, 0x20).toString('base64');
    expect(codeOf(() => decodeSamlMessage(big, 'post'))).toBe('75005');
  });
});

describe('parseSamlMessage', () => {
  it('names the message by namespace URI, whatever the prefix', () => {
    const xml = '<AuthnRequest xmlns="urn:oasis:names:tc:SAML:2.0:protocol"/>';
    expect(parseSamlMessage(xml).kind).toBe('AuthnRequest');
    expect(parseSamlMessage('<p:LogoutRequest xmlns:p="urn:oasis:names:tc:SAML:2.0:protocol"/>').kind).toBe(
      'LogoutRequest',
    );
  });

  const billionLaughs =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
    '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&lol3;</samlp:AuthnRequest>';
  const xxe =
    '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
    '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&xxe;</samlp:AuthnRequest>';
  const deep = `${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}`;

  it.each([
    ['a DTD with an entity', '<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>'],
    ['billion laughs', billionLaughs],
    ['XXE', xxe],
    ['text that is not XML', 'hello, world'],
    ['JSON', '{"SAMLRequest": true}'],
    ['unclosed elements', '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">'],
    ['a root in the wrong namespace', '<samlp:AuthnRequest xmlns:samlp="urn:evil"/>'],
    ['an unprefixed root without namespace', '<AuthnRequest/>'],
    ['a root that is no SAML request', '<samlp:Foo xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>'],
    ['deep nesting', deep],
  ])('rejects %s as AADSTS75005', (_name, xml) => {
    expect75005(() => parseSamlMessage(xml));
  });

  it('rejects hostile XML that arrives through the Redirect binding', () => {
    expect75005(() => parseSamlMessage(decodeSamlMessage(redirectEncode(billionLaughs), 'redirect')));
  });
});

describe('parseRedirectQuery', () => {
  it('keeps each SAML parameter as received and decoded', () => {
    const query = parseRedirectQuery(
      '?SAMLRequest=ab%2bc%3D&RelayState=a+b%2F&SigAlg=x&Signature=s%2b&login_hint=x',
    );
    expect(query.samlRequest).toEqual({ raw: 'ab%2bc%3D', value: 'ab+c=' });
    expect(query.relayState).toEqual({ raw: 'a+b%2F', value: 'a b/' });
    expect(query.signature?.value).toBe('s+');
    expect(query.sigAlg?.raw).toBe('x');
  });

  it('ignores parameters it does not know, including prototype names', () => {
    expect(parseRedirectQuery('__proto__=1&constructor=2&toString=3')).toEqual({});
  });

  it('rejects a repeated SAML parameter, since only one copy can be the signed one', () => {
    expect(codeOf(() => parseRedirectQuery('SAMLRequest=a&SAMLRequest=b'))).toBe('75005');
    expect(codeOf(() => parseRedirectQuery('SAMLRequest=a&RelayState=1&RelayState=2'))).toBe('75005');
  });

  it('rejects a malformed percent-escape and an over-long query', () => {
    expect(codeOf(() => parseRedirectQuery('SAMLRequest=%E0%A4%A'))).toBe('75005');
    expect75005(() => parseRedirectQuery(`SAMLRequest=${'A'.repeat(10 * 1024 * 1024)}`));
  });
});

describe('characters XML does not allow', () => {
  const withIssuer = (issuer: string): string =>
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a" Version="2.0"><saml:Issuer>${issuer}</saml:Issuer></samlp:AuthnRequest>`;

  it.each(['a\u0000b', 'a\u0001', 'a\uffff', 'a&#0;', 'a&#x0;', 'a&#00011;', 'a&#x1F;', 'a&#65535;'])(
    'refuses %j as AADSTS75005',
    (issuer) => {
      expect(codeOf(() => parseSamlMessage(withIssuer(issuer)))).toBe('75005');
    },
  );

  it.each(['a&#9;b', 'a&#10;', 'a&#x20;', 'tab\there', 'caf\u00e9', 'a&#x10000;'])('accepts %j', (issuer) => {
    expect(parseSamlMessage(withIssuer(issuer)).kind).toBe('AuthnRequest');
  });
});
