/**
 * @module finishResponse: Entra's signing options (docs/entra.md §2.7) checked with xml-crypto using only the
 * certificate — placement, algorithms, KeyInfo, coverage — plus hooks and encryption ordering.
 */
import { describe, expect, it } from 'vitest';
import { ALG, NS } from '../constants/namespaces.js';
import { certificateBase64, createSigningCertificate, loadPrivateKey } from '../keys/signing-certificate.js';
import { sequentialIds } from '../util/ids.js';
import {
  childElements,
  descendants,
  firstChildElement,
  parseXml,
  serializeXml,
  type Element,
} from '../util/xml.js';
import { testTenant, TEST_NOW } from '../test-support/fixtures.js';
import {
  contentFor,
  signatureElement,
  signingKeyOf,
  verifyWithXmlCrypto,
  type SignedPart,
} from '../test-support/response-fixtures.js';
import { buildResponseDraft, type ResponseDraft } from './build-response.js';
import { finishResponse, type FinishOptions, type SigningOption } from './finish-response.js';
import type { SigningAlgorithm } from './sign.js';

const t = testTenant();
const key = signingKeyOf(t.state, t.app);
const otherCertificate = createSigningCertificate().certificatePem;
const OPTIONS: readonly Exclude<SigningOption, 'none'>[] = ['assertion', 'response', 'both'];
const ALGORITHMS: readonly SigningAlgorithm[] = ['sha256', 'sha1'];
const SIGNED_PARTS: Record<Exclude<SigningOption, 'none'>, SignedPart[]> = {
  assertion: ['assertion'],
  response: ['response'],
  both: ['assertion', 'response'],
};
const URIS = {
  sha256: { signature: ALG.rsaSha256, digest: ALG.sha256 },
  sha1: { signature: ALG.rsaSha1, digest: ALG.sha1 },
} as const;

function draft(): ResponseDraft {
  return buildResponseDraft(contentFor(t.state, t.app, t.user), {
    ids: sequentialIds(),
    now: new Date(TEST_NOW),
  });
}

async function signed(
  option: SigningOption,
  algorithm: SigningAlgorithm = 'sha256',
  extra: Partial<FinishOptions> = {},
) {
  const d = draft();
  const xml = await finishResponse(d, { signing: { option, algorithm, key }, ...extra });
  return { xml, draft: d };
}

const idOf = (d: ResponseDraft, part: SignedPart): string =>
  part === 'assertion' ? d.assertionId : d.responseId;

describe.each(OPTIONS)('signing option "%s"', (option) => {
  it.each(ALGORITHMS)(
    '%s: each expected signature verifies with the certificate alone and references its element',
    async (algorithm) => {
      const { xml, draft: d } = await signed(option, algorithm);
      for (const part of SIGNED_PARTS[option]) {
        const signature = signatureElement(xml, part);
        expect(signature, part).toBeDefined();
        expect(verifyWithXmlCrypto(xml, key.certificatePem, signature!)).toBe(idOf(d, part));
      }
    },
  );

  it.each(ALGORITHMS)(
    '%s: uses exc-c14n, the enveloped transform and the algorithm URIs',
    async (algorithm) => {
      const { xml } = await signed(option, algorithm);
      for (const part of SIGNED_PARTS[option]) {
        const signature = signatureElement(xml, part)!;
        const algorithmOf = (name: string): string[] =>
          descendants(signature, NS.ds, name).map((e) => e.getAttribute('Algorithm') ?? '');
        expect(algorithmOf('CanonicalizationMethod')).toEqual([ALG.excC14n]);
        expect(algorithmOf('SignatureMethod')).toEqual([URIS[algorithm].signature]);
        expect(algorithmOf('DigestMethod')).toEqual([URIS[algorithm].digest]);
        expect(algorithmOf('Transform')).toEqual([ALG.envelopedSignature, ALG.excC14n]);
      }
    },
  );

  it('places each Signature right after the Issuer of the element it signs, and nowhere else', async () => {
    const { xml } = await signed(option);
    for (const part of ['assertion', 'response'] as const) {
      const expected = SIGNED_PARTS[option].includes(part);
      const signature = signatureElement(xml, part);
      expect(signature !== undefined, part).toBe(expected);
      if (!signature) continue;
      const previous = signature.previousSibling as Element | null;
      expect(previous?.namespaceURI).toBe(NS.saml);
      expect(previous?.localName).toBe('Issuer');
      expect(previous?.previousSibling).toBeNull();
    }
    expect(descendants(parseXml(xml), NS.ds, 'Signature')).toHaveLength(SIGNED_PARTS[option].length);
  });

  it('keeps KeyInfo to X509Data/X509Certificate holding the signing certificate', async () => {
    const { xml } = await signed(option);
    for (const part of SIGNED_PARTS[option]) {
      const keyInfo = firstChildElement(signatureElement(xml, part)!, NS.ds, 'KeyInfo')!;
      expect(Array.from(keyInfo.childNodes).map((n) => (n as Element).localName)).toEqual(['X509Data']);
      const x509Data = firstChildElement(keyInfo, NS.ds, 'X509Data')!;
      expect(Array.from(x509Data.childNodes).map((n) => (n as Element).localName)).toEqual([
        'X509Certificate',
      ]);
      expect(x509Data.textContent).toBe(certificateBase64(key.certificatePem));
    }
  });

  it('stays one line with no XML declaration and the dsig namespace as default, no ds: prefix', async () => {
    const { xml } = await signed(option);
    expect(xml).not.toMatch(/[\r\n]|<\?xml|<ds:/);
    expect(xml).toContain(`<Signature xmlns="${NS.ds}"><SignedInfo>`);
  });

  it('negative control: content changed after signing fails every signature covering it', async () => {
    const { xml } = await signed(option);
    const tampered = xml.replace(`>${t.user.userPrincipalName}</NameID>`, '>attacker@evil.example</NameID>');
    expect(tampered).not.toBe(xml);
    for (const part of SIGNED_PARTS[option]) {
      expect(() =>
        verifyWithXmlCrypto(tampered, key.certificatePem, signatureElement(tampered, part)!),
      ).toThrow();
    }
  });

  it('negative control: another certificate does not verify it', async () => {
    const { xml } = await signed(option);
    for (const part of SIGNED_PARTS[option]) {
      expect(() => verifyWithXmlCrypto(xml, otherCertificate, signatureElement(xml, part)!)).toThrow();
    }
  });
});

describe('"both"', () => {
  it('signs the assertion first: the Response signature covers the Assertion signature', async () => {
    const { xml } = await signed('both');
    const doc = parseXml(xml);
    const assertion = firstChildElement(doc.documentElement!, NS.saml, 'Assertion')!;
    assertion.removeChild(firstChildElement(assertion, NS.ds, 'Signature')!);
    const stripped = serializeXml(doc);
    expect(() =>
      verifyWithXmlCrypto(stripped, key.certificatePem, signatureElement(stripped, 'response')!),
    ).toThrow();
  });
});

describe('"none"', () => {
  it('adds no Signature', async () => {
    expect((await signed('none')).xml).not.toContain('Signature');
  });
});

describe('hooks', () => {
  it('beforeSign changes are covered by the signature', async () => {
    const { xml } = await signed('assertion', 'sha256', {
      hooks: {
        beforeSign: (doc) => {
          descendants(doc, NS.saml, 'Audience')[0]!.textContent = 'https://changed.example.com';
        },
      },
    });
    expect(xml).toContain('<Audience>https://changed.example.com</Audience>');
    expect(() =>
      verifyWithXmlCrypto(xml, key.certificatePem, signatureElement(xml, 'assertion')!),
    ).not.toThrow();
  });

  it('afterSign changes break it, and serialized changes the final text', async () => {
    const { xml } = await signed('assertion', 'sha256', {
      hooks: {
        afterSign: (doc) => {
          descendants(doc, NS.saml, 'Audience')[0]!.textContent = 'https://changed.example.com';
        },
        serialized: (text) => `${text}<!--tail-->`,
      },
    });
    expect(xml.endsWith('<!--tail-->')).toBe(true);
    const body = xml.slice(0, -'<!--tail-->'.length);
    expect(() =>
      verifyWithXmlCrypto(body, key.certificatePem, signatureElement(body, 'assertion')!),
    ).toThrow();
  });
});

describe('encryption', () => {
  const sp = createSigningCertificate();
  const encryption = {
    certificate: sp.certificatePem,
    dataAlgorithm: 'aes256-gcm',
    keyAlgorithm: 'rsa-oaep-mgf1p',
  } as const;

  it('replaces the Assertion by an EncryptedAssertion in the saml namespace', async () => {
    const { xml } = await signed('assertion', 'sha256', { encryption });
    const response = parseXml(xml).documentElement!;
    expect(childElements(response, NS.saml, 'Assertion')).toHaveLength(0);
    const encrypted = childElements(response, NS.saml, 'EncryptedAssertion');
    expect(encrypted).toHaveLength(1);
    expect(firstChildElement(encrypted[0]!, NS.xenc, 'EncryptedData')).toBeDefined();
    expect(xml).not.toContain(t.user.userPrincipalName);
    expect(loadPrivateKey(sp.privateKeyPem).asymmetricKeyType).toBe('rsa');
  });

  it('signs the Response over the EncryptedAssertion with "both" (encrypt, then sign the response)', async () => {
    const { xml, draft: d } = await signed('both', 'sha256', { encryption });
    expect(verifyWithXmlCrypto(xml, key.certificatePem, signatureElement(xml, 'response')!)).toBe(
      d.responseId,
    );
    const tampered = xml.replace(
      /(<xenc:CipherValue>)(.)/,
      (_, tag: string, c: string) => `${tag}${c === 'A' ? 'B' : 'A'}`,
    );
    expect(() =>
      verifyWithXmlCrypto(tampered, key.certificatePem, signatureElement(tampered, 'response')!),
    ).toThrow();
  });
});
