/**
 * @module Tenant-level federation metadata (`/{tenant}/FederationMetadata/2007-06/FederationMetadata.xml`,
 * docs/entra.md §1.3): the same document shape as the app metadata, but listing the tenant-wide STS keys in
 * rotation (usually several) and signed with one of them. Enterprise-app SAML tokens are never signed
 * with these keys, so SPs in scope should use the app metadata; this exists for completeness.
 */
import { tenantUrls } from '../model/tenant.js';
import type { SigningKey } from '../response/sign.js';
import type { IdGenerator } from '../util/ids.js';
import { buildFederationMetadata } from './app-metadata.js';

/** Path segments that select the multi-tenant document instead of one tenant's. */
export const MULTI_TENANT_ALIASES = ['common', 'organizations', 'consumers'] as const;

/**
 * The multi-tenant document's entityID is this literal template (Entra's captured `common` metadata);
 * its TargetScopes address carries the same text percent-encoded.
 */
export const MULTI_TENANT_ENTITY_ID = 'https://sts.windows.net/{tenantid}/';
const MULTI_TENANT_TARGET_SCOPE = 'https://sts.windows.net/%7Btenantid%7D/';

export interface TenantMetadataOptions {
  /** The tenant GUID (callers resolve verified domains to it first), or a multi-tenant alias. */
  tenantId: string;
  /** The mock's base URL; endpoints are `tenantUrls(baseUrl, tenantId)`. */
  baseUrl: string;
  /** PEM certificates of all tenant STS keys in rotation, as they should be listed. */
  certificates: readonly string[];
  /** The tenant key that signs the document (normally the first listed). */
  signingKey: SigningKey;
  ids: IdGenerator;
}

export function isMultiTenantAlias(tenant: string): tenant is (typeof MULTI_TENANT_ALIASES)[number] {
  return (MULTI_TENANT_ALIASES as readonly string[]).includes(tenant.toLowerCase());
}

/** The tenant-level federation metadata document as the exact bytes Entra serves. */
export function buildTenantMetadata(options: TenantMetadataOptions): Buffer {
  const multiTenant = isMultiTenantAlias(options.tenantId);
  const tenant = multiTenant ? options.tenantId.toLowerCase() : options.tenantId;
  const urls = tenantUrls(options.baseUrl, tenant);
  return buildFederationMetadata({
    entityId: multiTenant ? MULTI_TENANT_ENTITY_ID : urls.issuer,
    targetScope: multiTenant ? MULTI_TENANT_TARGET_SCOPE : urls.issuer,
    wsfedUrl: urls.wsfedUrl,
    samlUrl: urls.loginUrl,
    certificates: options.certificates,
    signingKey: options.signingKey,
    ids: options.ids,
  });
}
