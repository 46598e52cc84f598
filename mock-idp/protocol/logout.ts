/**
 * @module SP-initiated single logout over HTTP-Redirect (docs/entra.md §6): validating the LogoutRequest and
 * redirecting a signed LogoutResponse to the app's Logout URL, percent-encoded with lowercase hex as
 * Entra (like AD FS) does, so SPs must verify the query string exactly as received.
 */
import type { KeyObject } from 'node:crypto';
import { NS, STATUS } from '../constants/namespaces.js';
import { isHttpUrl, type EnterpriseApp } from '../model/app.js';
import type { TenantState } from '../state/tenant-state.js';
import { samlInstant } from '../util/clock.js';
import { element, newDocument } from '../util/dom-builder.js';
import type { IdGenerator } from '../util/ids.js';
import { childElements, serializeXml, type Element } from '../util/xml.js';
import { AadstsError } from './aadsts.js';
import { checkSamlId } from './authn-request.js';
import { parseSamlMessage, type SamlMessageDocument } from './decode-message.js';
import { signedRedirectUrl } from './logout-redirect.js';

export { entraUrlEncode } from './logout-redirect.js';

export interface ParsedLogoutRequest {
  id: string;
  version: '2.0';
  issueInstant: string;
  /** Exact text of `<saml:Issuer>`; must equal an app Identifier. */
  issuer: string;
  /** Read for diagnostics only: Entra does not evaluate NameID or SessionIndex. */
  nameId?: string | undefined;
  sessionIndexes: string[];
}

/**
 * Parses and validates a LogoutRequest. Consent, Destination, NotOnOrAfter and Reason are ignored, and
 * a signature is not required, as Entra documents.
 * @throws AadstsError 75005 (not a LogoutRequest / malformed), 7500529 (ID starts with a digit),
 *   50061 (ID, Version, IssueInstant or Issuer missing or wrong)
 */
export function parseLogoutRequest(input: string | SamlMessageDocument): ParsedLogoutRequest {
  const message = typeof input === 'string' ? parseSamlMessage(input) : input;
  if (message.kind !== 'LogoutRequest')
    throw new AadstsError('75005', { detail: 'the message is not a LogoutRequest' });
  const root = message.root;
  const id = root.getAttribute('ID') ?? '';
  if (id.trim() === '') throw signoutInvalid('the ID attribute is missing');
  checkSamlId(id);
  if (root.getAttribute('Version') !== '2.0') throw signoutInvalid('Version must be 2.0');
  const issueInstant = root.getAttribute('IssueInstant') ?? '';
  if (issueInstant.trim() === '') throw signoutInvalid('the IssueInstant attribute is missing');
  const issuer = singleChild(root, NS.saml, 'Issuer');
  if (!issuer) throw signoutInvalid('the Issuer element is missing');
  return {
    id,
    version: '2.0',
    issueInstant,
    issuer: issuer.textContent ?? '',
    nameId: singleChild(root, NS.saml, 'NameID')?.textContent ?? undefined,
    sessionIndexes: childElements(root, NS.samlp, 'SessionIndex').map((e) => e.textContent ?? ''),
  };
}

/** The app whose Identifiers contain the Issuer exactly. @throws AadstsError 700016 */
export function findLogoutApp(request: ParsedLogoutRequest, state: TenantState): EnterpriseApp {
  const app = state.findAppByIdentifier(request.issuer);
  if (!app) throw new AadstsError('700016', { identifier: request.issuer, tenant: state.tenant.tenantId });
  return app;
}

/** Where the browser goes after logout: the SP's Logout URL, or Entra's own signed-out page. */
export type LogoutOutcome =
  | { kind: 'redirect'; url: string; responseId: string; xml: string }
  | { kind: 'signed-out-page'; app: EnterpriseApp };

export interface LogoutResponseOptions {
  request: ParsedLogoutRequest;
  app: EnterpriseApp;
  tenantId: string;
  /** The mock's stand-in for https://login.microsoftonline.com, used by logoutIssuerStyle 'login'. */
  loginBase: string;
  relayState?: string | undefined;
  signingKey: KeyObject;
  ids: IdGenerator;
  now: Date;
  /** The runner's logout scenarios only: what to send instead of Entra's answer. Unset: Entra's answer. */
  overrides?: LogoutResponseOverrides | undefined;
}

/** A LogoutResponse that differs from Entra's in one way (the runner's negative logout scenarios). */
export interface LogoutResponseOverrides {
  /** false: no SigAlg/Signature in the query. */
  sign?: boolean;
  /** Another key signs the query (one the SP was never given). */
  signingKey?: KeyObject;
  inResponseTo?: string;
  issuer?: string;
  /** The top-level StatusCode Value. */
  status?: string;
}

/**
 * Builds the LogoutResponse redirect. Without a Logout URL Entra notifies no one and shows its
 * signed-out page, so the outcome says so instead of inventing a destination.
 */
export function buildLogoutResponse(options: LogoutResponseOptions): LogoutOutcome {
  const { app } = options;
  // Only ever redirect to http(s) (the schema admits nothing else; a browser goes where this points).
  if (!app.logoutUrl || !isHttpUrl(app.logoutUrl)) return { kind: 'signed-out-page', app };
  const responseId = options.ids.samlId();
  const xml = logoutResponseXml(options, app.logoutUrl, responseId);
  const o = options.overrides;
  const key = o?.sign === false ? undefined : (o?.signingKey ?? options.signingKey);
  const url = signedRedirectUrl(app.logoutUrl, 'SAMLResponse', xml, options.relayState, key);
  return { kind: 'redirect', url, responseId, xml };
}

/** Parses, resolves and answers a LogoutRequest in one step with the app's current signing key. */
export function handleLogoutRequest(
  input: string | SamlMessageDocument,
  relayState: string | undefined,
  state: TenantState,
  deps: { loginBase: string; ids: IdGenerator; now: Date },
): LogoutOutcome {
  const request = parseLogoutRequest(input);
  const app = findLogoutApp(request, state);
  if (!app.logoutUrl) return { kind: 'signed-out-page', app };
  const signingKey = state.signingMaterial(app).privateKey;
  return buildLogoutResponse({
    request,
    app,
    tenantId: state.tenant.tenantId,
    relayState,
    signingKey,
    ...deps,
  });
}

/** Issuer per app.logoutIssuerStyle (docs/entra.md §6 [Conflict]; default sts.windows.net like the metadata). */
export function logoutIssuer(
  style: EnterpriseApp['logoutIssuerStyle'],
  tenantId: string,
  loginBase: string,
): string {
  return style === 'login'
    ? `${loginBase.replace(/\/+$/, '')}/${tenantId}/`
    : `https://sts.windows.net/${tenantId}/`;
}

function logoutResponseXml(options: LogoutResponseOptions, destination: string, responseId: string): string {
  const doc = newDocument();
  const o = options.overrides;
  const issuer =
    o?.issuer ?? logoutIssuer(options.app.logoutIssuerStyle, options.tenantId, options.loginBase);
  const response = element(
    doc,
    NS.samlp,
    'samlp:LogoutResponse',
    [
      ['ID', responseId],
      ['Version', '2.0'],
      ['IssueInstant', samlInstant(options.now)],
      ['Destination', destination],
      ['InResponseTo', o?.inResponseTo ?? options.request.id],
      ['xmlns:samlp', NS.samlp],
    ],
    [
      element(doc, NS.saml, 'Issuer', [['xmlns', NS.saml]], [issuer]),
      element(
        doc,
        NS.samlp,
        'samlp:Status',
        [],
        [element(doc, NS.samlp, 'samlp:StatusCode', [['Value', o?.status ?? STATUS.success]])],
      ),
    ],
  );
  doc.appendChild(response);
  return serializeXml(doc);
}

function singleChild(parent: Element, ns: string, localName: string): Element | undefined {
  const found = childElements(parent, ns, localName);
  if (found.length > 1) throw signoutInvalid(`more than one ${localName} element`);
  return found[0];
}

function signoutInvalid(detail: string): AadstsError {
  return new AadstsError('50061', { detail });
}
