/**
 * @module Entra-shaped SAML signing certificates (docs/entra.md §5): self-signed,
 * CN=Microsoft Azure Federated SSO Certificate, RSA-2048, sha256WithRSA, 3 years, 16-byte serial,
 * X.509 v3 with no extensions at all.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign as nodeSign,
  type KeyObject,
} from 'node:crypto';
import forge from 'node-forge';
import { takePreparedKey } from './prepared-keys.js';

export const ENTRA_CERT_SUBJECT = 'Microsoft Azure Federated SSO Certificate';

export interface CertificateOptions {
  /** Subject CN; Entra's default is "Microsoft Azure Federated SSO Certificate". */
  commonName?: string;
  notBefore?: Date;
  /** Validity in whole years (Entra: 3). Ignored when notAfter is given. */
  years?: number;
  notAfter?: Date;
  keyBits?: number;
}

export interface GeneratedCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

/**
 * Creates a new key pair (a prepared one if any is left, prepared-keys.ts; else node's native RSA) and a
 * new self-signed certificate for it.
 */
export function createSigningCertificate(options: CertificateOptions = {}): GeneratedCertificate {
  const bits = options.keyBits ?? 2048;
  const privateKeyPem = takePreparedKey(bits) ?? generatePrivateKeyPem(bits);
  return { certificatePem: selfSign(privateKeyPem, options), privateKeyPem };
}

/** A new RSA private key (e = 65537) as PKCS#8 PEM. */
export function generatePrivateKeyPem(bits: number): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function selfSign(privateKeyPem: string, options: CertificateOptions): string {
  const cert = certificateFor(privateKeyPem);
  // 16 random bytes, top bit cleared so the DER INTEGER stays positive and exactly 16 bytes long.
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x10;
  cert.serialNumber = serial.toString('hex');
  const notBefore = truncateToSeconds(options.notBefore ?? new Date());
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = options.notAfter ?? addYears(notBefore, options.years ?? 3);
  const name = [
    {
      shortName: 'CN',
      value: options.commonName ?? ENTRA_CERT_SUBJECT,
      valueTagClass: forge.asn1.Type.PRINTABLESTRING,
    },
  ] as unknown as forge.pki.CertificateField[];
  cert.setSubject(name);
  cert.setIssuer(name);
  return signedPem(cert, privateKeyPem);
}

/**
 * SAML Raider's "clone certificate": the template's subject, issuer, serial and validity, but the public key of
 * `privateKeyPem`, self-signed by it. Only the key tells it apart from the template.
 */
export function cloneCertificate(templatePem: string, privateKeyPem: string): string {
  const template = forge.pki.certificateFromPem(templatePem);
  const cert = certificateFor(privateKeyPem);
  cert.serialNumber = template.serialNumber;
  cert.validity.notBefore = template.validity.notBefore;
  cert.validity.notAfter = template.validity.notAfter;
  cert.setSubject(template.subject.attributes);
  cert.setIssuer(template.issuer.attributes);
  return signedPem(cert, privateKeyPem);
}

/**
 * A new certificate holding the key's public half, read from node's SPKI export (parsing the private key in
 * forge is slow).
 */
function certificateFor(privateKeyPem: string): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  const spki = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  cert.publicKey = forge.pki.publicKeyFromPem(spki);
  return cert;
}

/**
 * The certificate self-signed and as PEM. What forge's `cert.sign(key, sha256)` does, with node's native RSA
 * instead of forge's JavaScript big-number code (≈50 ms per certificate): set the algorithm, DER-encode the
 * TBSCertificate, sign it.
 */
function signedPem(cert: forge.pki.Certificate, privateKeyPem: string): string {
  const fields = cert as forge.pki.Certificate & {
    md: forge.md.MessageDigest;
    signatureOid: string;
    siginfo: { algorithmOid: string };
    tbsCertificate: forge.asn1.Asn1;
    signature: string;
  };
  fields.md = forge.md.sha256.create();
  fields.signatureOid = fields.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption!;
  // getTBSCertificate exists in node-forge but is missing from its typings.
  const pki = forge.pki as typeof forge.pki & {
    getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1;
  };
  fields.tbsCertificate = pki.getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(fields.tbsCertificate).getBytes(), 'binary');
  fields.signature = nodeSign('sha256', tbs, createPrivateKey(privateKeyPem)).toString('binary');
  return forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
}

function truncateToSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function addYears(date: Date, years: number): Date {
  const result = new Date(date);
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

/** The certificate body as one base64 line, as it appears in KeyInfo and metadata. */
export function certificateBase64(certificatePem: string): string {
  return certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

export function certificateDer(certificatePem: string): Buffer {
  return Buffer.from(certificateBase64(certificatePem), 'base64');
}

/** SHA-1 of the DER, uppercase hex: the portal's "Thumbprint". */
export function thumbprint(certificatePem: string): string {
  return createHash('sha1').update(certificateDer(certificatePem)).digest('hex').toUpperCase();
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  thumbprint: string;
}

export function describeCertificate(certificatePem: string): CertificateInfo {
  const cert = forge.pki.certificateFromPem(certificatePem);
  const cn = (attrs: forge.pki.CertificateField[]): string =>
    attrs.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(', ');
  return {
    subject: cn(cert.subject.attributes),
    issuer: cn(cert.issuer.attributes),
    serialNumber: cert.serialNumber,
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
    thumbprint: thumbprint(certificatePem),
  };
}

/** Re-wraps base64 DER as PEM with 64-character lines (for "Certificate (Base64)" downloads). */
export function toPem(base64Der: string): string {
  const lines = base64Der.replace(/\s+/g, '').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export function loadPrivateKey(privateKeyPem: string): KeyObject {
  return createPrivateKey(privateKeyPem);
}
