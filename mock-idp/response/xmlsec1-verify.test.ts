/**
 * @module Independent checks with Debian's xmlsec1 (libxmlsec1, what Shibboleth and mod_auth_mellon use):
 * every signing option × algorithm verifies, each signature on its own; encrypted assertions decrypt with
 * xmlsec1 and with xml-encryption, and the decrypted assertion's signature still verifies.
 */
import { describe, expect, it } from 'vitest';
import xmlenc from 'xml-encryption';
import { ALG, NS } from '../constants/namespaces.js';
import { createSigningCertificate } from '../keys/signing-certificate.js';
import { sequentialIds } from '../util/ids.js';
import { firstChildElement, parseXml, serializeXml } from '../util/xml.js';
import { testTenant, TEST_NOW } from '../test-support/fixtures.js';
import {
  contentFor,
  SAML_ID_ATTRS,
  SIGNATURE_XPATH,
  signatureElement,
  signingKeyOf,
  verifyWithXmlCrypto,
  type SignedPart,
} from '../test-support/response-fixtures.js';
import { verifyWithXmlsec1 } from '../test-support/xmlsec1.js';
import {
  decryptWithXmlsec1,
  verifyNodeWithXmlsec1,
  xmlsec1HasTransform,
} from '../test-support/xmlsec1-decrypt.js';
import { buildResponseDraft } from './build-response.js';
import type { EncryptionSettings } from './encrypt.js';
import { finishResponse, type SigningOption } from './finish-response.js';
import type { SigningAlgorithm } from './sign.js';

const t = testTenant();
const key = signingKeyOf(t.state, t.app);
const sp = createSigningCertificate();
const SIGNED_PARTS: Record<Exclude<SigningOption, 'none'>, SignedPart[]> = {
  assertion: ['assertion'],
  response: ['response'],
  both: ['assertion', 'response'],
};

async function signed(
  option: SigningOption,
  algorithm: SigningAlgorithm = 'sha256',
  encryption?: EncryptionSettings,
): Promise<string> {
  const draft = buildResponseDraft(contentFor(t.state, t.app, t.user), {
    ids: sequentialIds(),
    now: new Date(TEST_NOW),
  });
  return finishResponse(draft, { signing: { option, algorithm, key }, encryption });
}

function xmlsec1Verifies(xml: string, part: SignedPart, certPem = key.certificatePem): boolean {
  return verifyNodeWithXmlsec1(xml, certPem, SAML_ID_ATTRS, SIGNATURE_XPATH[part]).ok;
}

describe.each(['assertion', 'response', 'both'] as const)('signing option "%s"', (option) => {
  it.each(['sha256', 'sha1'] as const)(
    '%s: xmlsec1 verifies every signature, each selected on its own',
    async (algorithm) => {
      const xml = await signed(option, algorithm);
      for (const part of SIGNED_PARTS[option]) expect(xmlsec1Verifies(xml, part), part).toBe(true);
      // And without --node-xpath: the first Signature in document order.
      expect(verifyWithXmlsec1(xml, key.certificatePem, SAML_ID_ATTRS).ok).toBe(true);
    },
  );

  it('negative control: xmlsec1 rejects content changed after signing, and another key', async () => {
    const xml = await signed(option);
    const tampered = xml.replace(`>${t.user.userPrincipalName}</NameID>`, '>attacker@evil.example</NameID>');
    expect(tampered).not.toBe(xml);
    const other = createSigningCertificate().certificatePem;
    for (const part of SIGNED_PARTS[option]) {
      expect(xmlsec1Verifies(tampered, part), part).toBe(false);
      expect(xmlsec1Verifies(xml, part, other), part).toBe(false);
    }
  });
});

it('"both": the --node-xpath choice matters (a Response-only change fails only the Response signature)', async () => {
  const xml = await signed('both');
  const tampered = xml.replace(
    'Destination="https://sp.example.com/acs"',
    'Destination="https://evil.example/acs"',
  );
  expect(tampered).not.toBe(xml);
  expect(xmlsec1Verifies(tampered, 'assertion')).toBe(true);
  expect(xmlsec1Verifies(tampered, 'response')).toBe(false);
});

// xmlsec1 1.2.x knows only xmlenc#rsa-oaep-mgf1p. xml-encryption writes xmlenc11#rsa-oaep with
// MGF1-SHA1 and a SHA-1 digest, the very same OAEP parameters, so relabelling it lets xmlsec1 check the
// key transport bytes; on an xmlsec1 that knows xmlenc11#rsa-oaep the document is given as is.
const XMLSEC1_HAS_RSA_OAEP = xmlsec1HasTransform('rsa-oaep');
function forXmlsec1(xml: string): string {
  if (XMLSEC1_HAS_RSA_OAEP || !xml.includes(ALG.rsaOaep)) return xml;
  const oaep = new RegExp(
    `<e:EncryptionMethod Algorithm="${ALG.rsaOaep}"><MGF xmlns="http://www.w3.org/2009/xmlenc11#" Algorithm="http://www.w3.org/2009/xmlenc11#mgf1sha1"/>(<DigestMethod Algorithm="${ALG.sha1}"/>)?</e:EncryptionMethod>`,
  );
  expect(xml).toMatch(oaep);
  return xml.replace(oaep, `<e:EncryptionMethod Algorithm="${ALG.rsaOaepMgf1p}">$1</e:EncryptionMethod>`);
}

function decryptWithXmlEncryption(xml: string): Promise<string> {
  const encryptedAssertion = firstChildElement(
    parseXml(xml).documentElement!,
    NS.saml,
    'EncryptedAssertion',
  )!;
  const encryptedData = serializeXml(firstChildElement(encryptedAssertion, NS.xenc, 'EncryptedData')!);
  return new Promise((resolve, reject) =>
    xmlenc.decrypt(
      encryptedData,
      { key: sp.privateKeyPem, disallowDecryptionWithInsecureAlgorithm: false, warnInsecureAlgorithm: false },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
}

describe.each(['aes256-cbc', 'aes256-gcm'] as const)('encrypted assertion, %s', (dataAlgorithm) => {
  it.each(['rsa-oaep-mgf1p', 'rsa-oaep'] as const)(
    '%s: decrypts with xmlsec1 and xml-encryption; the signature still verifies',
    async (keyAlgorithm) => {
      const encryption: EncryptionSettings = { certificate: sp.certificatePem, dataAlgorithm, keyAlgorithm };
      const xml = await signed('assertion', 'sha256', encryption);
      expect(xml).not.toContain('<Assertion ');

      const byXmlsec1 = decryptWithXmlsec1(forXmlsec1(xml), sp.privateKeyPem);
      expect(byXmlsec1.ok).toBe(true);
      expect(xmlsec1Verifies(byXmlsec1.xml, 'assertion')).toBe(true);
      expect(() =>
        verifyWithXmlCrypto(byXmlsec1.xml, key.certificatePem, signatureElement(byXmlsec1.xml, 'assertion')!),
      ).not.toThrow();

      const assertion = await decryptWithXmlEncryption(xml);
      expect(assertion.startsWith('<Assertion ')).toBe(true);
      expect(verifyWithXmlsec1(assertion, key.certificatePem, SAML_ID_ATTRS).ok).toBe(true);
      const assertionSignature = firstChildElement(parseXml(assertion).documentElement!, NS.ds, 'Signature')!;
      expect(() => verifyWithXmlCrypto(assertion, key.certificatePem, assertionSignature)).not.toThrow();
    },
  );
});

it('encrypted with "both": xmlsec1 verifies the Response signature over the EncryptedAssertion, the assertion after decryption', async () => {
  const encryption: EncryptionSettings = {
    certificate: sp.certificatePem,
    dataAlgorithm: 'aes256-gcm',
    keyAlgorithm: 'rsa-oaep-mgf1p',
  };
  const xml = await signed('both', 'sha256', encryption);
  expect(xmlsec1Verifies(xml, 'response')).toBe(true);
  const decrypted = decryptWithXmlsec1(xml, sp.privateKeyPem);
  expect(decrypted.ok).toBe(true);
  expect(xmlsec1Verifies(decrypted.xml, 'assertion')).toBe(true);
});

it('negative control: a tampered ciphertext does not decrypt to a verifying assertion', async () => {
  const encryption: EncryptionSettings = {
    certificate: sp.certificatePem,
    dataAlgorithm: 'aes256-gcm',
    keyAlgorithm: 'rsa-oaep-mgf1p',
  };
  const xml = await signed('assertion', 'sha256', encryption);
  // The last CipherValue is the content (the first one is the wrapped key); GCM authenticates it.
  const at = xml.lastIndexOf('<xenc:CipherValue>') + '<xenc:CipherValue>'.length + 20;
  const tampered = `${xml.slice(0, at)}${xml[at] === 'A' ? 'B' : 'A'}${xml.slice(at + 1)}`;
  expect(decryptWithXmlsec1(tampered, sp.privateKeyPem).ok).toBe(false);
  await expect(decryptWithXmlEncryption(tampered)).rejects.toThrow();
});
