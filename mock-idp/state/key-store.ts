/**
 * @module One tenant's key material in the state directory: signing certificates (`certs/<id>.pem`),
 * their private keys (`keys/<id>.key.pem`, 0600, never served or logged), named key pairs made on first
 * use, and the pairwise-NameID secret. Keys are loaded once and kept as KeyObjects.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import type { CertificateRecord } from '../model/app.js';
import type { StatePersistence } from './file-persistence.js';
import {
  createSigningCertificate,
  describeCertificate,
  loadPrivateKey,
  type CertificateOptions,
} from '../keys/signing-certificate.js';
import type { Clock } from '../util/clock.js';
import { MockIdpError } from '../errors.js';

export interface SigningMaterial {
  record: CertificateRecord;
  certificatePem: string;
  privateKey: KeyObject;
}

export class KeyStore {
  private readonly cache = new Map<string, SigningMaterial>();
  private pairwise: Buffer | undefined;

  constructor(
    private readonly persistence: StatePersistence,
    private readonly root: string,
    private readonly clock: Clock,
  ) {}

  /** Generates and stores a new certificate under `id`; the returned record is inactive. */
  createCertificate(id: string, options: CertificateOptions = {}): CertificateRecord {
    const generated = createSigningCertificate({ notBefore: this.clock.now(), ...options });
    this.write(id, generated.certificatePem, generated.privateKeyPem);
    return { ...recordOf(id, generated.certificatePem, false), createdAt: this.clock.now().toISOString() };
  }

  certificatePem(id: string): string {
    const pem = this.persistence.readText(`${this.root}/certs/${id}.pem`);
    if (!pem) throw new MockIdpError('NOT_FOUND', `certificate ${id} is missing from the state directory`);
    return pem;
  }

  /** The certificate and private key of a stored certificate record. */
  material(record: CertificateRecord): SigningMaterial {
    const cached = this.cache.get(record.id);
    if (cached) return { ...cached, record };
    const keyPem = this.persistence.readSecret(`${this.root}/keys/${record.id}.key.pem`);
    if (!keyPem)
      throw new MockIdpError('NO_SIGNING_KEY', `private key for certificate ${record.id} is missing`);
    const material = {
      record,
      certificatePem: this.certificatePem(record.id),
      privateKey: loadPrivateKey(keyPem),
    };
    this.cache.set(record.id, material);
    return material;
  }

  /** A key pair kept under `id`, made on first use (generating RSA keys is the slow part of a start). */
  persistedKey(id: string, options: CertificateOptions, active = true): SigningMaterial {
    const cached = this.cache.get(id);
    if (cached) return cached;
    // Under the lock, so two processes making it at once end up with one key pair.
    const { certificatePem, keyPem } = this.persistence.transaction(() => {
      const storedCertificate = this.persistence.readText(`${this.root}/certs/${id}.pem`);
      const storedKey = this.persistence.readSecret(`${this.root}/keys/${id}.key.pem`);
      if (storedCertificate && storedKey) return { certificatePem: storedCertificate, keyPem: storedKey };
      const generated = createSigningCertificate({ notBefore: this.clock.now(), ...options });
      this.write(id, generated.certificatePem, generated.privateKeyPem);
      return { certificatePem: generated.certificatePem, keyPem: generated.privateKeyPem };
    });
    const material = {
      record: recordOf(id, certificatePem, active),
      certificatePem,
      privateKey: loadPrivateKey(keyPem),
    };
    this.cache.set(id, material);
    return material;
  }

  /** Secret for pairwise persistent NameIDs; generated once per tenant and kept 0600. */
  pairwiseSecret(): Buffer {
    if (this.pairwise) return this.pairwise;
    const path = `${this.root}/keys/pairwise.secret`;
    const secret = this.persistence.transaction(() => {
      const stored = this.persistence.readSecret(path);
      if (stored) return stored;
      const made = randomBytes(32).toString('base64');
      this.persistence.writeSecret(path, made);
      return made;
    });
    this.pairwise = Buffer.from(secret, 'base64');
    return this.pairwise;
  }

  private write(id: string, certificatePem: string, privateKeyPem: string): void {
    this.persistence.writeText(`${this.root}/certs/${id}.pem`, certificatePem);
    this.persistence.writeSecret(`${this.root}/keys/${id}.key.pem`, privateKeyPem);
  }
}

function recordOf(id: string, certificatePem: string, active: boolean): CertificateRecord {
  const info = describeCertificate(certificatePem);
  return {
    id,
    thumbprint: info.thumbprint,
    notBefore: info.notBefore.toISOString(),
    notAfter: info.notAfter.toISOString(),
    active,
    createdAt: info.notBefore.toISOString(),
  };
}

/**
 * Entra signs with the active certificate; if it has expired and a valid inactive one exists, Entra
 * signs with that one instead; with no valid alternative it keeps signing with the expired one.
 */
export function selectSigningCertificate(
  certificates: readonly CertificateRecord[],
  now: Date,
): CertificateRecord | undefined {
  const active = certificates.find((c) => c.active);
  const valid = (c: CertificateRecord): boolean => new Date(c.notBefore) <= now && now < new Date(c.notAfter);
  if (active && valid(active)) return active;
  const fallback = certificates.filter(valid).sort((a, b) => b.notAfter.localeCompare(a.notAfter))[0];
  return fallback ?? active;
}
