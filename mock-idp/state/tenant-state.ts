/**
 * @module One tenant's live state: directory, enterprise apps and their signing keys, with every
 * change persisted. This is what the admin API and the in-process handle operate on.
 */
import {
  appSchema,
  type CertificateRecord,
  type EnterpriseApp,
  type EnterpriseAppInput,
} from '../model/app.js';
import {
  groupSchema,
  userSchema,
  type DirectoryGroup,
  type DirectoryUser,
  type DirectoryUserInput,
} from '../model/user.js';
import type { Tenant } from '../model/tenant.js';
import type { StatePersistence } from './file-persistence.js';
import type { CertificateOptions } from '../keys/signing-certificate.js';
import { KeyStore, selectSigningCertificate, type SigningMaterial } from './key-store.js';
import type { IdGenerator } from '../util/ids.js';
import type { Clock } from '../util/clock.js';
import { MockIdpError } from '../errors.js';

export { selectSigningCertificate, type SigningMaterial };

export class TenantState {
  private readonly users = new Map<string, DirectoryUser>();
  private readonly groups = new Map<string, DirectoryGroup>();
  private readonly apps = new Map<string, EnterpriseApp>();
  // Per-process settings laid over stored apps (a run's --profile): reads see them, nothing persists them,
  // and a reload from disk keeps them. Keyed by appId; the merged app is cached per stored version.
  private readonly overlays = new Map<string, Partial<EnterpriseAppInput>>();
  private readonly overlaid = new WeakMap<EnterpriseApp, EnterpriseApp>();
  private readonly keys: KeyStore;
  private changing = 0;

  constructor(
    readonly tenant: Tenant,
    private readonly persistence: StatePersistence,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {
    this.keys = new KeyStore(persistence, `tenants/${tenant.tenantId}`, clock);
  }

  private get root(): string {
    return `tenants/${this.tenant.tenantId}`;
  }

  /** Loads directory and apps from persistence (if present), replacing what is in memory. */
  load(): void {
    const directory = this.persistence.readJson(`${this.root}/directory.json`) as
      { users?: unknown[]; groups?: unknown[] } | undefined;
    const groups = (directory?.groups ?? []).map((g) => this.parseStored(groupSchema, g, 'directory.json'));
    const users = (directory?.users ?? []).map((u) => this.parseStored(userSchema, u, 'directory.json'));
    const apps: EnterpriseApp[] = [];
    for (const file of this.persistence.list(`${this.root}/apps`)) {
      if (!file.endsWith('.json')) continue;
      const raw = this.persistence.readJson(`${this.root}/apps/${file}`);
      apps.push(this.parseStored(appSchema, raw, `apps/${file}`));
    }
    this.groups.clear();
    this.users.clear();
    this.apps.clear();
    for (const g of groups) this.putGroup(g, false);
    for (const u of users) this.putUser(u, false);
    for (const app of apps) this.apps.set(app.appId, app);
  }

  private parseStored<T>(
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
    raw: unknown,
    file: string,
  ): T {
    const parsed = schema.safeParse(raw);
    if (!parsed.success)
      throw new MockIdpError(
        'STATE_UNUSABLE',
        `state file tenants/${this.tenant.tenantId}/${file} is damaged; restore it or remove the state directory to start over`,
      );
    return parsed.data;
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
    this.persistence.writeJson(`${this.root}/tenant.json`, this.tenant);
    this.saveDirectory();
  }

  // ---- directory ----

  listUsers(): DirectoryUser[] {
    return [...this.users.values()];
  }

  listGroups(): DirectoryGroup[] {
    return [...this.groups.values()];
  }

  /** Finds a user by object id or UPN (case-insensitive, as Entra sign-in names are). */
  findUser(idOrUpn: string): DirectoryUser | undefined {
    const byId = this.users.get(idOrUpn.toLowerCase());
    if (byId) return byId;
    const wanted = idOrUpn.toLowerCase();
    return [...this.users.values()].find((u) => u.userPrincipalName.toLowerCase() === wanted);
  }

  addUser(input: DirectoryUserInput): DirectoryUser {
    return this.atomically(() => {
      const user = userSchema.parse(input);
      if (
        this.findUser(user.userPrincipalName) &&
        this.findUser(user.userPrincipalName)?.objectId !== user.objectId
      ) {
        throw new MockIdpError('CONFLICT', `a user with UPN ${user.userPrincipalName} already exists`);
      }
      this.putUser(user, true);
      return user;
    });
  }

  updateUser(idOrUpn: string, patch: Partial<DirectoryUserInput>): DirectoryUser {
    return this.atomically(() => {
      const existing = this.requireUser(idOrUpn);
      const updated = userSchema.parse({ ...existing, ...patch, objectId: existing.objectId });
      this.putUser(updated, true);
      return updated;
    });
  }

  removeUser(idOrUpn: string): void {
    return this.atomically(() => {
      const user = this.requireUser(idOrUpn);
      this.users.delete(user.objectId.toLowerCase());
      this.saveDirectory();
    });
  }

  requireUser(idOrUpn: string): DirectoryUser {
    const user = this.findUser(idOrUpn);
    if (!user) throw new MockIdpError('NOT_FOUND', `no user ${idOrUpn} in tenant ${this.tenant.tenantId}`);
    return user;
  }

  addGroup(input: GroupInput): DirectoryGroup {
    return this.atomically(() => {
      const group = groupSchema.parse(input);
      this.putGroup(group, true);
      return group;
    });
  }

  findGroup(id: string): DirectoryGroup | undefined {
    return this.groups.get(id.toLowerCase());
  }

  private putUser(user: DirectoryUser, persist: boolean): void {
    this.users.set(user.objectId.toLowerCase(), user);
    if (persist) this.saveDirectory();
  }

  private putGroup(group: DirectoryGroup, persist: boolean): void {
    this.groups.set(group.objectId.toLowerCase(), group);
    if (persist) this.saveDirectory();
  }

  private saveDirectory(): void {
    this.persistence.writeJson(`${this.root}/directory.json`, {
      users: this.listUsers(),
      groups: this.listGroups(),
    });
  }

  // ---- apps ----

  listApps(): EnterpriseApp[] {
    return [...this.apps.values()].map((app) => this.withOverlay(app));
  }

  /**
   * Lays settings over an app for this process only: every read (the IdP's sign-ins, metadata, the admin
   * API) sees them, while the stored app stays as configured. A run's SP profile uses it, so the tutorial's
   * NameID and Relay State never outlive the run. A later overlay replaces the earlier one; `{}` clears it.
   */
  overlayApp(ref: string, patch: Partial<EnterpriseAppInput>): EnterpriseApp {
    const stored = this.requireStoredApp(ref);
    // Validate now, so a bad overlay fails here rather than at the first read.
    merge(stored, patch);
    if (Object.keys(patch).length === 0) this.overlays.delete(stored.appId);
    else this.overlays.set(stored.appId, { ...patch });
    return this.withOverlay(stored);
  }

  private withOverlay(stored: EnterpriseApp): EnterpriseApp {
    const patch = this.overlays.get(stored.appId);
    if (!patch) return stored;
    let app = this.overlaid.get(stored);
    if (!app) {
      app = merge(stored, patch);
      this.overlaid.set(stored, app);
    }
    return app;
  }

  /** The app as stored, without any overlay: the base of every change that is persisted. */
  private requireStoredApp(ref: string): EnterpriseApp {
    const app = this.findStoredApp(ref);
    if (!app)
      throw new MockIdpError('NOT_FOUND', `no enterprise app ${ref} in tenant ${this.tenant.tenantId}`);
    return app;
  }

  private findStoredApp(ref: string): EnterpriseApp | undefined {
    const lower = ref.toLowerCase();
    for (const a of this.apps.values())
      if (a.appId === lower || a.objectId === lower || a.name.toLowerCase() === lower) return a;
    return undefined;
  }

  /** Finds an app by appId, objectId or short name. */
  findApp(ref: string): EnterpriseApp | undefined {
    const stored = this.findStoredApp(ref);
    return stored && this.withOverlay(stored);
  }

  requireApp(ref: string): EnterpriseApp {
    return this.withOverlay(this.requireStoredApp(ref));
  }

  /** Entra matches the AuthnRequest Issuer exactly (case- and trailing-slash-sensitive) against Identifiers. */
  findAppByIdentifier(identifier: string): EnterpriseApp | undefined {
    return this.listApps().find((a) => a.identifiers.includes(identifier));
  }

  /** Creates an app with a fresh active signing certificate, like adding a non-gallery app in the portal. */
  addApp(
    input: Omit<EnterpriseAppInput, 'appId' | 'objectId'> & { appId?: string; objectId?: string },
  ): EnterpriseApp {
    return this.atomically(() => {
      const app = appSchema.parse({
        ...input,
        appId: input.appId ?? this.ids.guid(),
        objectId: input.objectId ?? this.ids.guid(),
      });
      this.checkUniqueness(app);
      this.apps.set(app.appId, app);
      if (app.certificates.length === 0) this.newCertificate(app.appId, { activate: true });
      else this.saveApp(app);
      return this.requireApp(app.appId);
    });
  }

  updateApp(ref: string, patch: Partial<EnterpriseAppInput>): EnterpriseApp {
    return this.atomically(() => {
      const updated = merge(this.requireStoredApp(ref), patch);
      this.checkUniqueness(updated);
      this.apps.set(updated.appId, updated);
      this.saveApp(updated);
      return this.withOverlay(updated);
    });
  }

  removeApp(ref: string): void {
    return this.atomically(() => {
      const app = this.requireApp(ref);
      this.apps.delete(app.appId);
      this.overlays.delete(app.appId);
      this.persistence.remove(`${this.root}/apps/${app.appId}.json`);
    });
  }

  private checkUniqueness(app: EnterpriseApp): void {
    for (const other of this.apps.values()) {
      if (other.appId === app.appId) continue;
      if (other.name.toLowerCase() === app.name.toLowerCase()) {
        throw new MockIdpError('CONFLICT', `an app named ${app.name} already exists`);
      }
      const shared = app.identifiers.find((id) => other.identifiers.includes(id));
      // Entra: each Identifier must be unique across all apps of the tenant.
      if (shared)
        throw new MockIdpError('CONFLICT', `Identifier ${shared} is already used by app ${other.name}`);
    }
  }

  private saveApp(app: EnterpriseApp): void {
    this.persistence.writeJson(`${this.root}/apps/${app.appId}.json`, app);
  }

  // ---- certificates ----

  /** "New Certificate": inactive unless activate is set (or it is the app's first). */
  newCertificate(
    appRef: string,
    options: CertificateOptions & { activate?: boolean } = {},
  ): CertificateRecord {
    return this.atomically(() => {
      const app = this.requireStoredApp(appRef);
      const record = this.keys.createCertificate(this.ids.guid(), options);
      const activate = options.activate ?? app.certificates.length === 0;
      const certificates = [
        ...app.certificates.map((c) => ({ ...c, active: activate ? false : c.active })),
        { ...record, active: activate },
      ];
      const updated = { ...app, certificates };
      this.apps.set(app.appId, updated);
      this.saveApp(updated);
      return { ...record, active: activate };
    });
  }

  /** "Make certificate active": the previous active certificate becomes inactive. */
  activateCertificate(appRef: string, certificateId: string): EnterpriseApp {
    return this.atomically(() => {
      const app = this.requireStoredApp(appRef);
      if (!app.certificates.some((c) => c.id === certificateId)) {
        throw new MockIdpError('NOT_FOUND', `app ${app.name} has no certificate ${certificateId}`);
      }
      const updated = {
        ...app,
        certificates: app.certificates.map((c) => ({ ...c, active: c.id === certificateId })),
      };
      this.apps.set(app.appId, updated);
      this.saveApp(updated);
      return this.withOverlay(updated);
    });
  }

  /**
   * Deletes an inactive certificate, as the portal's delete action on the SAML Signing Certificate blade
   * does after a rollover. The active one cannot be removed: an app always keeps a signing certificate.
   */
  removeCertificate(appRef: string, certificateId: string): EnterpriseApp {
    return this.atomically(() => {
      const app = this.requireStoredApp(appRef);
      const record = app.certificates.find((c) => c.id === certificateId);
      if (!record) throw new MockIdpError('NOT_FOUND', `app ${app.name} has no certificate ${certificateId}`);
      if (record.active)
        throw new MockIdpError(
          'CONFLICT',
          `certificate ${certificateId} is active: make another one active first`,
        );
      const updated = { ...app, certificates: app.certificates.filter((c) => c.id !== certificateId) };
      this.apps.set(app.appId, updated);
      this.saveApp(updated);
      return this.withOverlay(updated);
    });
  }

  /**
   * Puts back a certificate list saved earlier (the harness undoes its rollover phase, so the next run
   * finds the certificate the SP was configured with). Removal keeps key files, so every saved record's
   * key is still in the state directory.
   */
  restoreCertificates(appRef: string, certificates: readonly CertificateRecord[]): EnterpriseApp {
    return this.atomically(() => {
      const app = this.requireStoredApp(appRef);
      for (const record of certificates) this.keys.certificatePem(record.id);
      const updated = { ...app, certificates: certificates.map((c) => ({ ...c })) };
      this.apps.set(app.appId, updated);
      this.saveApp(updated);
      return this.withOverlay(updated);
    });
  }

  certificatePem(certificateId: string): string {
    return this.keys.certificatePem(certificateId);
  }

  /** The certificate and key a response for this app is signed with (docs/entra.md §5 rollover rules). */
  signingMaterial(app: EnterpriseApp): SigningMaterial {
    const record = selectSigningCertificate(app.certificates, this.clock.now());
    if (!record)
      throw new MockIdpError('NO_SIGNING_KEY', `app ${app.name} has no signing certificate (AADSTS50003)`);
    return this.keys.material(record);
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

type GroupInput = Parameters<typeof groupSchema.parse>[0];

/** An app with settings changed; its identity and certificates are never a setting. */
function merge(app: EnterpriseApp, patch: Partial<EnterpriseAppInput>): EnterpriseApp {
  return appSchema.parse({
    ...app,
    ...patch,
    appId: app.appId,
    objectId: app.objectId,
    certificates: app.certificates,
  });
}
