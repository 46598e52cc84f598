/**
 * @module The LogoutRequest Entra sends to the other participants of a session when one of them logs out
 * (docs/entra.md §6), by HTTP-Redirect to the app's Logout URL, signed in the query string with the app's
 * certificate like the LogoutResponse. The runner uses it for the genuine IdP-initiated logout and, with
 * `sign: false` or another key, for forged ones.
 */
import type { KeyObject } from 'node:crypto';
import { NS } from '../constants/namespaces.js';
import type { EnterpriseApp } from '../model/app.js';
import { samlInstant } from '../util/clock.js';
import { element, newDocument } from '../util/dom-builder.js';
import { serializeXml } from '../util/xml.js';
import { logoutIssuer } from './logout.js';
import { signedRedirectUrl } from './logout-redirect.js';

export interface IdpLogoutRequestOptions {
  app: Pick<EnterpriseApp, 'logoutIssuerStyle'>;
  tenantId: string;
  loginBase: string;
  /** The SP's Logout URL (its SingleLogoutService). */
  destination: string;
  /** The session to end: the NameID (and its Format) and SessionIndex the SP received at sign-in. */
  nameId: string;
  nameIdFormat?: string | undefined;
  sessionIndex?: string | undefined;
  id: string;
  now: Date;
  relayState?: string | undefined;
  /** The app's signing key; undefined sends the request unsigned. */
  signingKey: KeyObject | undefined;
}

export interface IdpLogoutRequest {
  id: string;
  xml: string;
  url: string;
}

export function buildIdpLogoutRequest(options: IdpLogoutRequestOptions): IdpLogoutRequest {
  const doc = newDocument();
  const issuer = logoutIssuer(options.app.logoutIssuerStyle, options.tenantId, options.loginBase);
  const nameIdAttrs: Array<[string, string]> = [['xmlns', NS.saml]];
  if (options.nameIdFormat !== undefined) nameIdAttrs.push(['Format', options.nameIdFormat]);
  const request = element(
    doc,
    NS.samlp,
    'samlp:LogoutRequest',
    [
      ['ID', options.id],
      ['Version', '2.0'],
      ['IssueInstant', samlInstant(options.now)],
      ['Destination', options.destination],
      ['xmlns:samlp', NS.samlp],
    ],
    [
      element(doc, NS.saml, 'Issuer', [['xmlns', NS.saml]], [issuer]),
      element(doc, NS.saml, 'NameID', nameIdAttrs, [options.nameId]),
      ...(options.sessionIndex === undefined
        ? []
        : [element(doc, NS.samlp, 'samlp:SessionIndex', [], [options.sessionIndex])]),
    ],
  );
  doc.appendChild(request);
  const xml = serializeXml(doc);
  const url = signedRedirectUrl(
    options.destination,
    'SAMLRequest',
    xml,
    options.relayState,
    options.signingKey,
  );
  return { id: options.id, xml, url };
}
