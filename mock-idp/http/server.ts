/**
 * @module The mock IdP's HTTP application: Entra's paths under the mock's base URL, the portal pages,
 * and the admin API. Bodies are size-limited, errors become Entra's error page (or JSON for the API),
 * and no stack trace or key material ever reaches a client or the log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AadstsError } from '../protocol/aadsts.js';
import { MockIdpError } from '../errors.js';
import { adminApi, ADMIN_API_PREFIX } from '../admin/admin-api.js';
import { sendAadstsError } from './render-error.js';
import { afterUnreadBody } from './after-unread-body.js';
import { metadataRoutes } from './routes/metadata-route.js';
import { portalRoutes } from './routes/portal-route.js';
import { launchRoutes } from './routes/launch-route.js';
import { signInRoutes } from './routes/sign-in-route.js';
import { handleSaml2Get, saml2Routes } from './routes/saml2-route.js';
import type { ServerContext } from './context.js';

export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

export function createMockIdpApp(ctx: ServerContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(ADMIN_API_PREFIX, adminApi(ctx.state, { baseUrl: ctx.baseUrl, token: ctx.options.adminToken }));
  app.use(
    express.urlencoded({
      extended: false,
      limit: ctx.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      parameterLimit: 50,
      // Browsers never compress a form post; a gzip or brotli body is refused (415), not inflated.
      inflate: false,
    }),
  );
  // The SAML endpoint first: it is the hot path, and no other router's paths overlap `/:tenant/saml2`.
  app.use(saml2Routes(ctx));
  app.use(portalRoutes(ctx));
  app.use(metadataRoutes(ctx));
  app.use(launchRoutes(ctx));
  app.use(signInRoutes(ctx));
  app.use((_req, res) => {
    res.status(404).type('text').send('Not found\n');
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) =>
    afterUnreadBody(req, () => sendError(ctx, error, req, res)),
  );
  return app;
}

/** `/{tenant}/saml2?...` exactly as Entra's URLs are written; any other spelling takes the router. */
const SAML2_GET_PATH = /^\/([^/?#]+)\/saml2(?:\?|$)/;
const ADMIN_SEGMENT = ADMIN_API_PREFIX.split('/')[1];

/**
 * The server's request listener: the app, with the sign-in hot path (an AuthnRequest by HTTP-Redirect to
 * `/{tenant}/saml2`) dispatched straight to its handler. Express 5's router spent more CPU matching and
 * re-dispatching that one path than the handler spends around the RSA signature (bench/idp-http-bench.js).
 * The handler gets what the router would give it: Express's request and response methods (as
 * `app.handle` sets them), the decoded tenant segment, and the app's error handling. Anything else
 * (HEAD, another case or a trailing slash, an undecodable segment) goes through the router as before.
 */
export function createMockIdpListener(
  ctx: ServerContext,
): (req: IncomingMessage, res: ServerResponse) => void {
  const app = createMockIdpApp(ctx);
  return (req, res) => {
    const match = req.method === 'GET' ? SAML2_GET_PATH.exec(req.url ?? '') : null;
    const tenant =
      match?.[1] !== undefined && match[1] !== ADMIN_SEGMENT ? decodeSegment(match[1]) : undefined;
    if (tenant === undefined) return void app(req, res);
    Object.setPrototypeOf(req, app.request);
    Object.setPrototypeOf(res, app.response);
    const request = req as Request;
    const response = res as Response;
    request.res = response;
    response.req = request;
    response.locals = Object.create(null) as Response['locals'];
    request.originalUrl = req.url ?? '';
    handleSaml2Get(ctx, request, response, tenant).catch((error: unknown) =>
      afterUnreadBody(req, () => sendError(ctx, error, request, response)),
    );
  };
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function sendError(ctx: ServerContext, error: unknown, req: Request, res: Response): void {
  if (error instanceof AadstsError) return sendAadstsError(ctx, res, error);
  // The router could not percent-decode a path parameter (`/%FF/saml2`): Entra answers such URLs with
  // a 400 error page, so must the mock.
  if (error instanceof URIError && error.message.startsWith('Failed to decode param'))
    return sendAadstsError(ctx, res, undecodablePath(req.path));
  if (isPayloadError(error)) {
    return sendAadstsError(
      ctx,
      res,
      new AadstsError('75005', { detail: 'The message is too large or not form-encoded.' }, error.status),
    );
  }
  if (error instanceof MockIdpError) {
    res
      .status(error.code === 'NOT_FOUND' ? 404 : 400)
      .type('text')
      .send(`${error.message}\n`);
    return;
  }
  // Unexpected: log the message only (never request bodies, which may hold SAML messages).
  console.error(`samlspec mock IdP: internal error: ${(error as Error)?.message ?? String(error)}`);
  res.status(500).type('text').send('Internal error in the samlspec mock IdP\n');
}

function undecodablePath(path: string): AadstsError {
  const first = path.split('/')[1] ?? '';
  const shown = first.slice(0, 100);
  try {
    decodeURIComponent(first);
  } catch {
    return new AadstsError('900023', { tenant: shown });
  }
  return new AadstsError('90100', { parameter: 'The URL path' });
}

/** A request body the parser refused (http-errors with a 4xx status; a zlib error it wrapped has no `type`). */
function isPayloadError(error: unknown): error is { status: number } {
  const e = error as { status?: unknown } | undefined;
  return typeof e?.status === 'number' && e.status >= 400 && e.status < 500;
}
