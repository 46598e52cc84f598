/**
 * @module The admin JSON API: tenants, users, groups, apps, SP metadata upload and certificate rollover
 * at runtime. Public certificates only; private keys are never returned. Protected by a bearer token
 * whenever the server listens beyond loopback (or one is given). Without a token it takes requests only
 * from local tools: a loopback Host header (a DNS-rebinding page has its own host name there), no
 * cross-site Origin, and state changes only with a JSON (or metadata XML) body — which a cross-site
 * form cannot send without the CORS preflight this API never grants.
 */
import { timingSafeEqual } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import * as z from 'zod';
import { MockIdpError } from '../errors.js';
import { tenantUrls } from '../model/tenant.js';
import type { TenantState } from '../state/tenant-state.js';
import type { MockIdpState } from '../state/mock-idp-state.js';
import { formatIssues } from '../config/config-file.js';
import { applySpMetadataToApp } from './apply-sp-metadata.js';
import { afterUnreadBody } from '../http/after-unread-body.js';

export const ADMIN_API_PREFIX = '/admin/api';

export function adminApi(
  state: MockIdpState,
  options: { baseUrl: string; token?: string | undefined },
): Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.use(
    express.text({ type: ['application/xml', 'text/xml', 'application/samlmetadata+xml'], limit: '1mb' }),
  );
  router.use((req, _res, next) => {
    if (options.token) {
      if (!bearerMatches(req.headers.authorization, options.token))
        throw new MockIdpError(
          'UNAUTHORIZED',
          'the admin API needs "Authorization: Bearer <token>" (printed when the server starts)',
        );
      return next();
    }
    checkLocalRequest(req, options.baseUrl);
    next();
  });
  const tenantOf = (req: Request): TenantState => {
    const ref = String(req.params.tenant);
    const tenant = ref === 'default' ? state.defaultTenant : state.findTenant(ref);
    if (!tenant) throw new MockIdpError('NOT_FOUND', `no tenant ${ref}`);
    return tenant;
  };
  const describeTenant = (t: TenantState) => {
    const urls = tenantUrls(options.baseUrl, t.tenant.tenantId);
    return {
      ...t.tenant,
      issuer: urls.issuer,
      loginUrl: urls.loginUrl,
      logoutUrl: urls.logoutUrl,
      tenantMetadataUrl: urls.tenantMetadataUrl,
    };
  };
  const describeApp = (t: TenantState, appRef: string) => {
    const app = t.requireApp(appRef);
    const urls = tenantUrls(options.baseUrl, t.tenant.tenantId);
    return {
      ...app,
      urls: {
        metadataUrl: urls.appMetadataUrl(app.appId),
        loginUrl: urls.loginUrl,
        logoutUrl: urls.logoutUrl,
        issuer: urls.issuer,
        userAccessUrl: urls.userAccessUrl(app.appId),
        portalUrl: urls.portalUrl(app.appId),
      },
    };
  };

  router.get('/tenants', (_req, res) => void res.json(state.listTenants().map(describeTenant)));
  router.post(
    '/tenants',
    (req, res) => void res.status(201).json(describeTenant(state.createTenant(req.body ?? {}))),
  );
  router.get('/tenants/:tenant', (req, res) => void res.json(describeTenant(tenantOf(req))));

  router.get(
    '/tenants/:tenant/users',
    (req, res) => void res.json(tenantOf(req).listUsers().map(publicUser)),
  );
  router.post('/tenants/:tenant/users', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    res.status(201).json(publicUser(tenantOf(req).addUser({ objectId: state.ids.guid(), ...body } as never)));
  });
  router.get(
    '/tenants/:tenant/users/:user',
    (req, res) => void res.json(publicUser(tenantOf(req).requireUser(req.params.user!))),
  );
  router.patch(
    '/tenants/:tenant/users/:user',
    (req, res) => void res.json(publicUser(tenantOf(req).updateUser(req.params.user!, req.body ?? {}))),
  );
  router.delete('/tenants/:tenant/users/:user', (req, res) => {
    tenantOf(req).removeUser(req.params.user!);
    res.status(204).end();
  });

  router.get('/tenants/:tenant/groups', (req, res) => void res.json(tenantOf(req).listGroups()));
  router.post('/tenants/:tenant/groups', (req, res) => {
    res.status(201).json(tenantOf(req).addGroup({ objectId: state.ids.guid(), ...(req.body ?? {}) }));
  });

  router.get('/tenants/:tenant/apps', (req, res) => {
    const t = tenantOf(req);
    res.json(t.listApps().map((a) => describeApp(t, a.appId)));
  });
  router.post('/tenants/:tenant/apps', (req, res) => {
    const t = tenantOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const app = t.addApp({ displayName: String(body.name ?? 'app'), ...body } as never);
    res.status(201).json(describeApp(t, app.appId));
  });
  router.get(
    '/tenants/:tenant/apps/:app',
    (req, res) => void res.json(describeApp(tenantOf(req), req.params.app!)),
  );
  router.patch('/tenants/:tenant/apps/:app', (req, res) => {
    const t = tenantOf(req);
    const app = t.updateApp(req.params.app!, req.body ?? {});
    res.json(describeApp(t, app.appId));
  });
  router.delete('/tenants/:tenant/apps/:app', (req, res) => {
    tenantOf(req).removeApp(req.params.app!);
    res.status(204).end();
  });
  router.put('/tenants/:tenant/apps/:app/sp-metadata', (req, res) => {
    const t = tenantOf(req);
    if (typeof req.body !== 'string')
      throw new MockIdpError('INVALID_CONFIG', 'send the SP metadata XML with Content-Type: application/xml');
    const skipped = applySpMetadataToApp(t, req.params.app!, req.body);
    res.json({ ...describeApp(t, req.params.app!), skippedReplyUrls: skipped });
  });
  router.get(
    '/tenants/:tenant/apps/:app/certificates',
    (req, res) => void res.json(tenantOf(req).requireApp(req.params.app!).certificates),
  );
  router.post('/tenants/:tenant/apps/:app/certificates', (req, res) => {
    const body = z
      .strictObject({
        activate: z.boolean().optional(),
        years: z.number().int().min(1).max(3).optional(),
        notAfter: z.iso.datetime().optional(),
      })
      .parse(req.body ?? {});
    const record = tenantOf(req).newCertificate(req.params.app!, {
      activate: body.activate ?? false,
      ...(body.years !== undefined ? { years: body.years } : {}),
      ...(body.notAfter !== undefined ? { notAfter: new Date(body.notAfter) } : {}),
    });
    res.status(201).json(record);
  });
  router.post('/tenants/:tenant/apps/:app/certificates/:cert/activate', (req, res) => {
    res.json(tenantOf(req).activateCertificate(req.params.app!, req.params.cert!).certificates);
  });
  router.use(adminErrorHandler);
  return router;
}

const BODY_TYPES = ['application/json', 'application/xml', 'text/xml', 'application/samlmetadata+xml'];

/** Without a token: only what a local tool (curl, a test, the CLI) sends; see the module comment. */
function checkLocalRequest(req: Request, baseUrl: string): void {
  const base = new URL(baseUrl);
  const hostOk = (host: string | undefined): boolean => {
    if (!host) return false;
    const name = hostName(host);
    return name !== undefined && (isLoopbackName(name) || name === base.hostname.toLowerCase());
  };
  if (!hostOk(req.headers.host))
    throw new MockIdpError(
      'FORBIDDEN',
      'the admin API without a token answers only requests to a loopback host name (localhost, 127.0.0.1, [::1])',
    );
  // Browsers send Origin with cross-site requests (`null` from sandboxed pages and data: URLs).
  const origin = req.headers.origin;
  if (origin !== undefined && !hostOk(URL.canParse(origin) ? new URL(origin).host : undefined))
    throw new MockIdpError('FORBIDDEN', 'the admin API does not take requests from other sites');
  if (['POST', 'PUT', 'PATCH'].includes(req.method)) {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!BODY_TYPES.includes(type))
      throw new MockIdpError(
        'UNSUPPORTED_MEDIA_TYPE',
        'send state changes with Content-Type: application/json (SP metadata: application/xml)',
      );
  }
}

/** The host name of a Host header value (`127.0.0.1:7080`, `[::1]:7080`), lower-cased. */
function hostName(host: string): string | undefined {
  if (!URL.canParse(`http://${host}`)) return undefined;
  return new URL(`http://${host}`).hostname.toLowerCase();
}

function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(name);
}

/** Users as the API shows them: without the sign-in password. */
function publicUser<T extends { password?: string }>(user: T): Omit<T, 'password'> {
  const { password: _password, ...rest } = user;
  return rest;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1].trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const STATUS_BY_CODE: Record<MockIdpError['code'], number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_CONFIG: 400,
  NO_SIGNING_KEY: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  UNSUPPORTED_MEDIA_TYPE: 415,
  STATE_UNUSABLE: 503,
};

function adminErrorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  afterUnreadBody(req, () => sendAdminError(error, res));
}

function sendAdminError(error: unknown, res: Response): void {
  if (error instanceof MockIdpError) {
    res.status(STATUS_BY_CODE[error.code]).json({ error: { code: error.code, message: error.message } });
  } else if (error instanceof z.ZodError) {
    res.status(400).json({ error: { code: 'INVALID_CONFIG', message: formatIssues('request body', error) } });
  } else if (isBodyParserError(error)) {
    res.status(error.status).json({ error: { code: 'INVALID_REQUEST', message: error.message } });
  } else {
    res.status(500).json({ error: { code: 'INTERNAL', message: 'internal error' } });
  }
}

function isBodyParserError(error: unknown): error is { status: number; message: string } {
  return (
    typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number'
  );
}
