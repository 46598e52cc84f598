/**
 * @module Token encryption (portal "Token encryption", docs/entra.md §2.7): the signed Assertion is replaced
 * by an EncryptedAssertion for the SP's certificate. AES-256-CBC or AES-256-GCM content encryption,
 * RSA-OAEP key transport, via xml-encryption.
 */
import { createPublicKey } from 'node:crypto';
import xmlenc from 'xml-encryption';
import { ALG, NS } from '../constants/namespaces.js';
import { setBounded } from '../util/bounded-map.js';
import { childElements, isElement, parseXml, serializeXml, type Document, type Node } from '../util/xml.js';

export interface EncryptionSettings {
  /** The SP's encryption certificate (PEM, or base64 DER as in SP metadata). */
  certificate: string;
  dataAlgorithm: 'aes256-cbc' | 'aes256-gcm';
  keyAlgorithm: 'rsa-oaep-mgf1p' | 'rsa-oaep';
}

const DATA_ALGORITHM = { 'aes256-cbc': ALG.aes256Cbc, 'aes256-gcm': ALG.aes256Gcm } as const;
const KEY_ALGORITHM = { 'rsa-oaep-mgf1p': ALG.rsaOaepMgf1p, 'rsa-oaep': ALG.rsaOaep } as const;

/** Replaces each Assertion child of the Response in `xml` with an EncryptedAssertion. */
export async function encryptAssertions(xml: string, settings: EncryptionSettings): Promise<string> {
  const doc = parseXml(xml);
  const response = doc.documentElement!;
  for (const assertion of childElements(response, NS.saml, 'Assertion')) {
    const encryptedData = await encryptElement(serializeXml(assertion), settings);
    const wrapper = doc.createElementNS(NS.saml, 'EncryptedAssertion');
    wrapper.setAttributeNS(NS.xmlns, 'xmlns', NS.saml);
    wrapper.appendChild(doc.importNode(encryptedData.documentElement!, true));
    response.replaceChild(wrapper, assertion);
  }
  return serializeXml(doc);
}

async function encryptElement(plaintext: string, settings: EncryptionSettings): Promise<Document> {
  const pem = toCertificatePem(settings.certificate);
  const publicKey = spkiPemOf(pem);
  const encrypted = await new Promise<string>((resolve, reject) =>
    xmlenc.encrypt(
      plaintext,
      {
        rsa_pub: publicKey,
        pem,
        encryptionAlgorithm: DATA_ALGORITHM[settings.dataAlgorithm],
        keyEncryptionAlgorithm: KEY_ALGORITHM[settings.keyAlgorithm],
        // Entra's token encryption uses AES-256-CBC; xml-encryption calls CBC insecure (padding
        // oracles) and refuses it by default. The mock must emit what Entra emits.
        disallowEncryptionWithInsecureAlgorithm: false,
        warnInsecureAlgorithm: false,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    ),
  );
  const doc = parseXml(encrypted);
  stripWhitespaceText(doc.documentElement!);
  return doc;
}

const MAX_KEYS = 16;
const spkiPems = new Map<string, string>();

/**
 * The certificate's public key as SPKI PEM (what xml-encryption's `rsa_pub` takes): read from the certificate
 * once, not for every response encrypted for the same SP. A handful of SPs per process; bounded all the same.
 */
function spkiPemOf(certificatePem: string): string {
  let spki = spkiPems.get(certificatePem);
  if (spki === undefined) {
    spki = createPublicKey(certificatePem).export({ type: 'spki', format: 'pem' }).toString();
    setBounded(spkiPems, certificatePem, spki, MAX_KEYS);
  }
  return spki;
}

/** xml-encryption pretty-prints its templates; Entra's responses are one line. */
function stripWhitespaceText(node: Node): void {
  for (let child = node.firstChild; child;) {
    const next = child.nextSibling;
    if (child.nodeType === 3 && /^\s*$/.test(child.nodeValue ?? '')) node.removeChild(child);
    else if (isElement(child)) stripWhitespaceText(child);
    child = next;
  }
}

export function toCertificatePem(certificate: string): string {
  if (certificate.includes('-----BEGIN CERTIFICATE-----')) return certificate;
  const body =
    certificate
      .replace(/\s+/g, '')
      .match(/.{1,64}/g)
      ?.join('\n') ?? '';
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}
