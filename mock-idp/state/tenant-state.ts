/**
 * @module One tenant's live state: directory, enterprise apps and their signing keys, with every
 * change persisted. This is what the admin API and the in-process handle operate on; it holds the state
 * lock's bookkeeping and hands each part (tenant-directory, tenant-apps, app-certificates) its operations.
 */
import type { CertificateRecord, EnterpriseApp, EnterpriseAppInput } from '../model/app.js';
import type { DirectoryGroup, DirectoryUser, DirectoryUserInput } from '../model/user.js';
import type { Tenant } from '../model/tenant.js';
import type { StatePersistence } from './file-persistence.js';
import type { CertificateOptions } from '../keys/signing-certificate.js';
import { KeyStore, selectSigningCertificate, type SigningMaterial } from './key-store.js';
import type { IdGenerator } from '../util/ids.js';
import type { Clock } from '../util/clock.js';
import { readTenantFiles, tenantRoot } from './tenant-files.js';
import { TenantDirectory, type GroupInput } from './tenant-directory.js';
import { TenantApps, type NewEnterpriseApp } from './tenant-apps.js';
import { AppCertificates } from './app-certificates.js';

export { selectSigningCertificate, type SigningMaterial };

export class TenantState {
  private readonly keys: KeyStore;
  private readonly directory: TenantDirectory;
  private readonly apps: TenantApps;
  private readonly certificates: AppCertificates;
  private changing = 0;

  constructor(
    readonly tenant: Tenant,
    private readonly persistence: StatePersistence,
    ids: IdGenerator,
    clock: Clock,
  ) {
    const atomically = <T>(fn: () => T): T => this.atomically(fn);
    this.keys = new KeyStore(persistence, tenantRoot(tenant.tenantId), clock);
    this.directory = new TenantDirectory(tenant.tenantId, persistence, atomically);
    this.apps = new TenantApps(tenant.tenantId, persistence, ids, atomically);
    this.certificates = new AppCertificates(this.apps, this.keys, ids, clock, atomically);
  }

  /** Loads directory and apps from persistence (if present), replacing what is in memory. */
  load(): void {
    const files = readTenantFiles(this.persistence, this.tenant.tenantId);
    this.directory.replace(files.users, files.groups);
    this.apps.replace(files.apps);
  }

  /**
   * Runs a change under the state's cross-process lock, on what is on disk now: another process
   * sharing the directory may have changed it since this one loaded it (re-read once per change, not
   * again for changes nested in it).
   */
  atomically<T>(fn: () => T): T {
    return this.persistence.transaction(() => {
      if (this.changing === 0 && this.persistence.shared) this.load();
      this.changing++;
      try {
        return fn();
      } finally {
        this.changing--;
      }
    });
  }

  save(): void {
    this.persistence.writeJson(`${tenantRoot(this.tenant.tenantId)}/tenant.json`, this.tenant);
    this.directory.save();
  }

  // ---- directory (tenant-directory.ts) ----

  listUsers(): DirectoryUser[] {
    return this.directory.listUsers();
  }

  listGroups(): DirectoryGroup[] {
    return this.directory.listGroups();
  }

  /** Finds a user by object id or UPN (case-insensitive, as Entra sign-in names are). */
  findUser(idOrUpn: string): DirectoryUser | undefined {
    return this.directory.findUser(idOrUpn);
  }

  addUser(input: DirectoryUserInput): DirectoryUser {
    return this.directory.addUser(input);
  }

  updateUser(idOrUpn: string, patch: Partial<DirectoryUserInput>): DirectoryUser {
    return this.directory.updateUser(idOrUpn, patch);
  }

  removeUser(idOrUpn: string): void {
    this.directory.removeUser(idOrUpn);
  }

  requireUser(idOrUpn: string): DirectoryUser {
    return this.directory.requireUser(idOrUpn);
  }

  addGroup(input: GroupInput): DirectoryGroup {
    return this.directory.addGroup(input);
  }

  findGroup(id: string): DirectoryGroup | undefined {
    return this.directory.findGroup(id);
  }

  // ---- apps (tenant-apps.ts) ----

  listApps(): EnterpriseApp[] {
    return this.apps.listApps();
  }

  /** Lays settings over an app for this process only; see TenantApps.overlayApp. */
  overlayApp(ref: string, patch: Partial<EnterpriseAppInput>): EnterpriseApp {
    return this.apps.overlayApp(ref, patch);
  }

  /** Finds an app by appId, objectId or short name. */
  findApp(ref: string): EnterpriseApp | undefined {
    return this.apps.findApp(ref);
  }

  requireApp(ref: string): EnterpriseApp {
    return this.apps.requireApp(ref);
  }

  /** Entra matches the AuthnRequest Issuer exactly (case- and trailing-slash-sensitive) against Identifiers. */
  findAppByIdentifier(identifier: string): EnterpriseApp | undefined {
    return this.apps.findAppByIdentifier(identifier);
  }

  /** Creates an app with a fresh active signing certificate, like adding a non-gallery app in the portal. */
  addApp(input: NewEnterpriseApp): EnterpriseApp {
    return this.apps.addApp(input, (appId) => this.certificates.newCertificate(appId, { activate: true }));
  }

  updateApp(ref: string, patch: Partial<EnterpriseAppInput>): EnterpriseApp {
    return this.apps.updateApp(ref, patch);
  }

  removeApp(ref: string): void {
    this.apps.removeApp(ref);
  }

  // ---- certificates (app-certificates.ts) ----

  /** "New Certificate": inactive unless activate is set (or it is the app's first). */
  newCertificate(
    appRef: string,
    options: CertificateOptions & { activate?: boolean } = {},
  ): CertificateRecord {
    return this.certificates.newCertificate(appRef, options);
  }

  /** "Make certificate active": the previous active certificate becomes inactive. */
  activateCertificate(appRef: string, certificateId: string): EnterpriseApp {
    return this.certificates.activateCertificate(appRef, certificateId);
  }

  /** Deletes an inactive certificate; the active one cannot be removed. */
  removeCertificate(appRef: string, certificateId: string): EnterpriseApp {
    return this.certificates.removeCertificate(appRef, certificateId);
  }

  /** Puts back a certificate list saved earlier (the harness undoes its rollover phase). */
  restoreCertificates(appRef: string, certificates: readonly CertificateRecord[]): EnterpriseApp {
    return this.certificates.restoreCertificates(appRef, certificates);
  }

  /** The certificate and key a response for this app is signed with (docs/entra.md §5 rollover rules). */
  signingMaterial(app: EnterpriseApp): SigningMaterial {
    return this.certificates.signingMaterial(app);
  }

  // ---- tenant keys (key-store.ts) ----

  certificatePem(certificateId: string): string {
    return this.keys.certificatePem(certificateId);
  }

  /**
   * The tenant-wide STS keys of the tenant-level metadata (two, as a rollover pair). They sign only that
   * document: enterprise-app SAML tokens use the per-app certificates (docs/entra.md §1.3).
   */
  tenantKeys(): SigningMaterial[] {
    return ['tenant-sts-1', 'tenant-sts-2'].map((id, i) =>
      this.keys.persistedKey(id, { commonName: 'accounts.accesscontrol.windows.net', years: 5 }, i === 0),
    );
  }

  /** A key pair kept with this tenant under `id`, made on first use (e.g. the test harness's attacker key). */
  persistedKey(id: string, options: CertificateOptions, active = true): SigningMaterial {
    return this.keys.persistedKey(id, options, active);
  }

  /** Secret for pairwise persistent NameIDs; generated once per tenant and kept 0600. */
  pairwiseSecret(): Buffer {
    return this.keys.pairwiseSecret();
  }
}
