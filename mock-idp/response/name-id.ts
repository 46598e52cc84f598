/**
 * @module NameID selection (docs/entra.md §2.5): a requested NameIDPolicy Format wins; else the format
 * configured on the "Unique User Identifier" claim. Persistent-by-request gives a pairwise id stable per
 * (user, app); transient is new at every sign-in.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { NAMEID_FORMAT } from '../constants/namespaces.js';
import type { EnterpriseApp } from '../model/app.js';
import type { Tenant } from '../model/tenant.js';
import type { DirectoryUser } from '../model/user.js';
import { resolveSource } from './claims.js';

/** Formats Entra accepts in an AuthnRequest NameIDPolicy; anything else is AADSTS75016. */
export const REQUESTABLE_NAMEID_FORMATS: readonly string[] = [
  NAMEID_FORMAT.persistent,
  NAMEID_FORMAT.emailAddress,
  NAMEID_FORMAT.unspecified,
  NAMEID_FORMAT.transient,
];

export interface NameId {
  format: string;
  value: string;
}

export class NameIdSourceMissingError extends Error {
  constructor(readonly source: string) {
    super(`Mandatory Input '${source}' missing from transformation`);
    this.name = 'NameIdSourceMissingError';
  }
}

export function selectNameId(args: {
  tenant: Tenant;
  app: EnterpriseApp;
  user: DirectoryUser;
  pairwiseSecret: Buffer;
  requestedFormat?: string | undefined;
}): NameId {
  const { tenant, app, user, pairwiseSecret, requestedFormat } = args;
  const pairwise = (): string => pairwiseId(pairwiseSecret, tenant.tenantId, app.appId, user.objectId);
  const sourceValue = (): string => {
    if (app.nameId.source === 'user.pairwiseid') return pairwise();
    const value = resolveSource(app.nameId.source, user, tenant);
    if (!value) throw new NameIdSourceMissingError(app.nameId.source);
    return value;
  };
  if (requestedFormat && requestedFormat !== NAMEID_FORMAT.unspecified) {
    if (requestedFormat === NAMEID_FORMAT.persistent) return { format: requestedFormat, value: pairwise() };
    if (requestedFormat === NAMEID_FORMAT.transient) return { format: requestedFormat, value: transientId() };
    return { format: requestedFormat, value: sourceValue() };
  }
  if (requestedFormat === NAMEID_FORMAT.unspecified) return { format: requestedFormat, value: sourceValue() };
  return { format: configuredFormat(app), value: sourceValue() };
}

function configuredFormat(app: EnterpriseApp): string {
  switch (app.nameId.format) {
    case 'emailAddress':
      return NAMEID_FORMAT.emailAddress;
    case 'persistent':
      return NAMEID_FORMAT.persistent;
    case 'unspecified':
      return NAMEID_FORMAT.unspecified;
    case 'windowsDomainQualifiedName':
      return NAMEID_FORMAT.windowsDomainQualifiedName;
    case 'default':
      // "Default" resolves to emailAddress for UPN/mail sources; opaque sources are persistent.
      if (app.nameId.source === 'user.pairwiseid') return NAMEID_FORMAT.persistent;
      return ['user.userprincipalname', 'user.mail'].includes(app.nameId.source)
        ? NAMEID_FORMAT.emailAddress
        : NAMEID_FORMAT.unspecified;
  }
}

/** base64url(HMAC-SHA256(secret, tenant|app|user)): 43 characters, like Entra's pairwise ids. */
export function pairwiseId(secret: Buffer, tenantId: string, appId: string, userObjectId: string): string {
  return createHmac('sha256', secret).update(`${tenantId}|${appId}|${userObjectId}`).digest('base64url');
}

function transientId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}
