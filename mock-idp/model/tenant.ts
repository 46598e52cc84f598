/** @module The mock tenant: a stable GUID and the URLs Entra derives from it. */
import * as z from 'zod';

export const tenantSchema = z.strictObject({
  tenantId: z.uuid(),
  displayName: z.string().default('Contoso'),
  /** Verified domain, accepted in tenant metadata URLs (e.g. contoso.com). */
  primaryDomain: z.string().default('contoso.com'),
});
export type Tenant = z.infer<typeof tenantSchema>;

/** The Entra endpoints of one tenant, rooted at the mock's base URL instead of login.microsoftonline.com. */
export interface TenantUrls {
  /** Microsoft Entra Identifier: `https://sts.windows.net/{tid}/`. Kept verbatim: SPs compare it exactly. */
  issuer: string;
  loginUrl: string;
  logoutUrl: string;
  appMetadataUrl(appId: string): string;
  tenantMetadataUrl: string;
  wsfedUrl: string;
  userAccessUrl(appId: string): string;
  portalUrl(appId: string): string;
}

export function tenantUrls(baseUrl: string, tenantId: string): TenantUrls {
  const base = baseUrl.replace(/\/+$/, '');
  const root = `${base}/${tenantId}`;
  return {
    issuer: `https://sts.windows.net/${tenantId}/`,
    loginUrl: `${root}/saml2`,
    logoutUrl: `${root}/saml2`,
    appMetadataUrl: (appId) => `${root}/federationmetadata/2007-06/federationmetadata.xml?appid=${appId}`,
    tenantMetadataUrl: `${root}/FederationMetadata/2007-06/FederationMetadata.xml`,
    wsfedUrl: `${root}/wsfed`,
    userAccessUrl: (appId) => `${base}/launcher/api/signin/${appId}?tenantId=${tenantId}`,
    portalUrl: (appId) => `${base}/portal/${tenantId}/apps/${appId}/saml`,
  };
}
