/**
 * @module Per-process settings laid over stored apps (a run's --profile): reads see them, nothing persists
 * them, and a reload from disk keeps them, so the tutorial's NameID and Relay State never outlive the run.
 */
import { appSchema, type EnterpriseApp, type EnterpriseAppInput } from '../model/app.js';

export class AppOverlays {
  // Keyed by appId; the merged app is cached per stored version, so every read of an unchanged app is one lookup.
  private readonly overlays = new Map<string, Partial<EnterpriseAppInput>>();
  private readonly overlaid = new WeakMap<EnterpriseApp, EnterpriseApp>();

  /** Lays `patch` over the stored app, replacing an earlier overlay; `{}` clears it. */
  lay(stored: EnterpriseApp, patch: Partial<EnterpriseAppInput>): EnterpriseApp {
    // Validate now, so a bad overlay fails here rather than at the first read.
    mergeAppSettings(stored, patch);
    if (Object.keys(patch).length === 0) this.overlays.delete(stored.appId);
    else this.overlays.set(stored.appId, { ...patch });
    return this.apply(stored);
  }

  /** The app as every read sees it: the stored app with this process's overlay, if any. */
  apply(stored: EnterpriseApp): EnterpriseApp {
    const patch = this.overlays.get(stored.appId);
    if (!patch) return stored;
    let app = this.overlaid.get(stored);
    if (!app) {
      app = mergeAppSettings(stored, patch);
      this.overlaid.set(stored, app);
    }
    return app;
  }

  /** Drops the overlay of a removed app. */
  forget(appId: string): void {
    this.overlays.delete(appId);
  }
}

/** An app with settings changed; its identity and certificates are never a setting. */
export function mergeAppSettings(app: EnterpriseApp, patch: Partial<EnterpriseAppInput>): EnterpriseApp {
  return appSchema.parse({
    ...app,
    ...patch,
    appId: app.appId,
    objectId: app.objectId,
    certificates: app.certificates,
  });
}
