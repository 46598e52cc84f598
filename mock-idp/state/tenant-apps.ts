/**
 * @module One tenant's enterprise apps: lookup by appId, objectId, short name or Identifier, the checks
 * Entra makes on a change (unique names and Identifiers), and one `apps/<appId>.json` per app. Reads see
 * this process's overlays; changes are made to, and stored from, the app as stored.
 */
import type { EnterpriseApp, EnterpriseAppInput } from '../model/app.js';
import { appSchema } from '../model/app.js';
import type { StatePersistence } from './file-persistence.js';
import type { IdGenerator } from '../util/ids.js';
import type { Atomically } from './atomically.js';
import { AppOverlays, mergeAppSettings } from './app-overlays.js';
import { tenantRoot } from './tenant-files.js';
import { MockIdpError } from '../errors.js';

/** An app to create: its ids are made when not given. */
export type NewEnterpriseApp = Omit<EnterpriseAppInput, 'appId' | 'objectId'> & {
  appId?: string;
  objectId?: string;
};

export class TenantApps {
  private readonly apps = new Map<string, EnterpriseApp>();
  private readonly overlays = new AppOverlays();

  constructor(
    private readonly tenantId: string,
    private readonly persistence: StatePersistence,
    private readonly ids: IdGenerator,
    private readonly atomically: Atomically,
  ) {}

  /** Replaces what is in memory with what was read from disk; overlays stay, as they are this process's. */
  replace(apps: readonly EnterpriseApp[]): void {
    this.apps.clear();
    for (const app of apps) this.apps.set(app.appId, app);
  }

  listApps(): EnterpriseApp[] {
    return [...this.apps.values()].map((app) => this.overlays.apply(app));
  }

  /**
   * Lays settings over an app for this process only: every read (the IdP's sign-ins, metadata, the admin
   * API) sees them, while the stored app stays as configured. A run's SP profile uses it, so the tutorial's
   * NameID and Relay State never outlive the run. A later overlay replaces the earlier one; `{}` clears it.
   */
  overlayApp(ref: string, patch: Partial<EnterpriseAppInput>): EnterpriseApp {
    return this.overlays.lay(this.requireStoredApp(ref), patch);
  }

  /** The app as stored, without any overlay: the base of every change that is persisted. */
  requireStoredApp(ref: string): EnterpriseApp {
    const app = this.findStoredApp(ref);
    if (!app) throw new MockIdpError('NOT_FOUND', `no enterprise app ${ref} in tenant ${this.tenantId}`);
    return app;
  }

  /** Finds an app by appId, objectId or short name. */
  findApp(ref: string): EnterpriseApp | undefined {
    const stored = this.findStoredApp(ref);
    return stored && this.overlays.apply(stored);
  }

  requireApp(ref: string): EnterpriseApp {
    return this.overlays.apply(this.requireStoredApp(ref));
  }

  /** Entra matches the AuthnRequest Issuer exactly (case- and trailing-slash-sensitive) against Identifiers. */
  findAppByIdentifier(identifier: string): EnterpriseApp | undefined {
    return this.listApps().find((a) => a.identifiers.includes(identifier));
  }

  /**
   * Creates an app. One given no certificates gets its first from `addFirstCertificate`, which stores the
   * app with it; otherwise the app is stored as given.
   */
  addApp(input: NewEnterpriseApp, addFirstCertificate: (appId: string) => void): EnterpriseApp {
    return this.atomically(() => {
      const app = appSchema.parse({
        ...input,
        appId: input.appId ?? this.ids.guid(),
        objectId: input.objectId ?? this.ids.guid(),
      });
      this.checkUniqueness(app);
      this.apps.set(app.appId, app);
      if (app.certificates.length === 0) addFirstCertificate(app.appId);
      else this.saveApp(app);
      return this.requireApp(app.appId);
    });
  }

  updateApp(ref: string, patch: Partial<EnterpriseAppInput>): EnterpriseApp {
    return this.atomically(() => {
      const updated = mergeAppSettings(this.requireStoredApp(ref), patch);
      this.checkUniqueness(updated);
      return this.store(updated);
    });
  }

  removeApp(ref: string): void {
    return this.atomically(() => {
      const app = this.requireApp(ref);
      this.apps.delete(app.appId);
      this.overlays.forget(app.appId);
      this.persistence.remove(`${tenantRoot(this.tenantId)}/apps/${app.appId}.json`);
    });
  }

  /**
   * Keeps and writes a changed version of a stored app (callers run under `atomically`); returns it as
   * reads see it, overlay included.
   */
  store(updated: EnterpriseApp): EnterpriseApp {
    this.apps.set(updated.appId, updated);
    this.saveApp(updated);
    return this.overlays.apply(updated);
  }

  private findStoredApp(ref: string): EnterpriseApp | undefined {
    const lower = ref.toLowerCase();
    for (const a of this.apps.values())
      if (a.appId === lower || a.objectId === lower || a.name.toLowerCase() === lower) return a;
    return undefined;
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
    this.persistence.writeJson(`${tenantRoot(this.tenantId)}/apps/${app.appId}.json`, app);
  }
}
