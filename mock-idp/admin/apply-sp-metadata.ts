/** @module "Upload metadata file" on an app: parse SP metadata and apply what the portal would set. */
import { appPatchFromSpMetadata, parseSpMetadata, SpMetadataError } from '../metadata/sp-metadata.js';
import type { TenantState } from '../state/tenant-state.js';
import { MockIdpError } from '../errors.js';

/** Applies the SP metadata to the app; returns descriptions of endpoints that were skipped. */
export function applySpMetadataToApp(tenant: TenantState, appRef: string, metadataXml: string): string[] {
  const app = tenant.requireApp(appRef);
  let imported;
  try {
    imported = appPatchFromSpMetadata(parseSpMetadata(metadataXml), { existing: app });
  } catch (error) {
    if (error instanceof SpMetadataError)
      throw new MockIdpError('INVALID_CONFIG', `SP metadata: ${error.message}`, { cause: error });
    throw error;
  }
  tenant.updateApp(app.appId, imported.patch);
  return imported.skipped.map((s) => `${s.service} ${s.location} (${s.reason})`);
}
