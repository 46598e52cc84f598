/**
 * @module The portal side of an app: its "Set up single sign-on with SAML" page and the certificate
 * downloads (Certificate (Base64), (Raw), PEM), as Entra offers them. Only public certificates are served.
 */
import { Router } from 'express';
import { certificateDer } from '../../keys/signing-certificate.js';
import { tenantUrls } from '../../model/tenant.js';
import { MockIdpError } from '../../errors.js';
import { portalPage } from '../pages/portal-page.js';
import { homePage } from '../pages/home-page.js';
import { requireTenant } from '../login-flow.js';
import type { ServerContext } from '../context.js';

export function certificateDownloadPath(
  tenantId: string,
  appId: string,
  certificateId: string,
  format: string,
): string {
  return `/portal/${tenantId}/apps/${appId}/certificates/${certificateId}/${format}`;
}

export function launchPath(tenantId: string, appId: string): string {
  return `/portal/${tenantId}/apps/${appId}/test`;
}

export function portalRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.type('html').send(homePage(ctx.state, ctx.baseUrl));
  });
  router.get('/portal/:tenant/apps/:app/saml', (req, res) => {
    const tenant = requireTenant(ctx, req.params.tenant);
    const app = tenant.findApp(req.params.app);
    if (!app) throw new MockIdpError('NOT_FOUND', `no app ${req.params.app}`);
    const tid = tenant.tenant.tenantId;
    res.type('html').send(
      portalPage({
        app,
        urls: tenantUrls(ctx.baseUrl, tid),
        certificateDownloadUrl: (id, format) =>
          `${ctx.baseUrl}${certificateDownloadPath(tid, app.appId, id, format)}`,
        launchUrl: `${ctx.baseUrl}${launchPath(tid, app.appId)}`,
        now: ctx.clock.now(),
      }),
    );
  });
  router.get('/portal/:tenant/apps/:app/certificates/:cert/:format', (req, res) => {
    const tenant = requireTenant(ctx, req.params.tenant);
    const app = tenant.findApp(req.params.app);
    const record = app?.certificates.find((c) => c.id === req.params.cert);
    if (!app || !record) throw new MockIdpError('NOT_FOUND', 'no such certificate');
    const pem = tenant.certificatePem(record.id);
    const name = app.displayName.replace(/[^\w.-]+/g, '_');
    switch (req.params.format) {
      case 'base64':
        res
          .set('content-disposition', `attachment; filename="${name}.cer"`)
          .type('application/x-x509-ca-cert')
          .send(pem);
        return;
      case 'pem':
        res
          .set('content-disposition', `attachment; filename="${name}.pem"`)
          .type('application/x-pem-file')
          .send(pem);
        return;
      case 'raw':
        res
          .set('content-disposition', `attachment; filename="${name}.cer"`)
          .type('application/pkix-cert')
          .send(certificateDer(pem));
        return;
      case 'thumbprint':
        res.type('text/plain').send(`${record.thumbprint}\n`);
        return;
      default:
        throw new MockIdpError(
          'NOT_FOUND',
          `unknown certificate format ${req.params.format} (base64, raw, pem, thumbprint)`,
        );
    }
  });
  return router;
}
