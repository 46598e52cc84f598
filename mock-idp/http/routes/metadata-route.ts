/**
 * @module Federation metadata at Entra's paths: `/{tenant}/federationmetadata/2007-06/federationmetadata.xml`
 * with `?appid=` gives the app document (the one SPs consume), without it the tenant document. Express
 * routes are case-insensitive, as Entra's are (`FederationMetadata/2007-06/FederationMetadata.xml`).
 */
import { Router } from 'express';
import { appMetadataFor } from '../../metadata/app-metadata.js';
import { buildTenantMetadata, isMultiTenantAlias } from '../../metadata/tenant-metadata.js';
import { AadstsError } from '../../protocol/aadsts.js';
import { requireTenant } from '../login-flow.js';
import type { ServerContext } from '../context.js';

export function metadataRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.get('/:tenant/federationmetadata/2007-06/federationmetadata.xml', (req, res) => {
    const appId = typeof req.query.appid === 'string' ? req.query.appid : undefined;
    // `common` (and the other multi-tenant aliases) serve Entra's multi-tenant document with the keys
    // of the default tenant; app metadata always needs a real tenant.
    const alias = isMultiTenantAlias(req.params.tenant) && !appId;
    const tenant = alias ? ctx.state.defaultTenant : requireTenant(ctx, req.params.tenant);
    let body: Buffer;
    if (appId) {
      const app = tenant.findApp(appId);
      if (!app) throw new AadstsError('700016', { identifier: appId, tenant: tenant.tenant.tenantId });
      body = appMetadataFor(tenant, app, ctx.baseUrl, ctx.ids, ctx.clock.now());
    } else {
      const keys = tenant.tenantKeys();
      body = buildTenantMetadata({
        tenantId: alias ? req.params.tenant : tenant.tenant.tenantId,
        baseUrl: ctx.baseUrl,
        certificates: keys.map((k) => k.certificatePem),
        signingKey: keys[0]!,
        ids: ctx.ids,
      });
    }
    res
      .status(200)
      .set('content-type', 'text/xml; charset=utf-8')
      .set('cache-control', 'no-store')
      .send(body);
  });
  return router;
}
