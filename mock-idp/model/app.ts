/**
 * @module An Entra "Enterprise application" configured for SAML SSO: the portal's five sections
 * (Basic SAML Configuration, Attributes & Claims, SAML Certificates, Set up, Test) plus Properties.
 */
import * as z from 'zod';

/** Reply URLs: https only, except loopback hosts over http (Entra allows http://localhost). */
export function isAllowedReplyUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** An absolute http(s) URL (Sign-on URL, Logout URL): never `javascript:`, `data:` or another scheme. */
export const httpUrlSchema = z.url({
  protocol: /^https?$/,
  error: 'must be an absolute http or https URL',
});

export function isHttpUrl(value: string): boolean {
  return httpUrlSchema.safeParse(value).success;
}

export const replyUrlSchema = z.strictObject({
  url: z
    .string()
    .max(256, 'Reply URLs are limited to 256 characters')
    .refine(isAllowedReplyUrl, 'must be an https URL (http is allowed only for localhost / 127.0.0.1)'),
  index: z.number().int().min(0).optional(),
  isDefault: z.boolean().optional(),
});
export type ReplyUrl = z.infer<typeof replyUrlSchema>;

export const NAMEID_SOURCES = [
  'user.userprincipalname',
  'user.mail',
  'user.objectid',
  'user.employeeid',
  'user.onpremisessamaccountname',
  'user.pairwiseid',
] as const;

export const nameIdFormatSettingSchema = z.enum([
  'default',
  'emailAddress',
  'persistent',
  'unspecified',
  'windowsDomainQualifiedName',
]);
export type NameIdFormatSetting = z.infer<typeof nameIdFormatSettingSchema>;

/** A claim source: `user.<attribute>` or a constant written `"constant:<value>"`. */
const claimSourceSchema = z
  .string()
  .regex(/^(user\.[a-z0-9_]+|constant:.*)$/i, 'must be user.<attribute> or constant:<value>');

export const claimSchema = z.strictObject({
  name: z.string().min(1),
  namespace: z.string().optional(),
  source: claimSourceSchema,
});
export type ClaimMapping = z.infer<typeof claimSchema>;

export const DEFAULT_CLAIMS: ClaimMapping[] = [
  {
    name: 'givenname',
    namespace: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims',
    source: 'user.givenname',
  },
  {
    name: 'surname',
    namespace: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims',
    source: 'user.surname',
  },
  {
    name: 'emailaddress',
    namespace: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims',
    source: 'user.mail',
  },
  {
    name: 'name',
    namespace: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims',
    source: 'user.userprincipalname',
  },
];

export const groupClaimSchema = z.strictObject({
  /** Which groups: all the user's groups, security groups only, or only groups assigned to the app. */
  groups: z.enum(['all', 'security', 'applicationGroups']).default('security'),
  sourceAttribute: z.enum(['objectId', 'displayName']).default('objectId'),
  /** Custom claim name; default http://schemas.microsoft.com/ws/2008/06/identity/claims/groups. */
  claimName: z.string().optional(),
  emitAsRoles: z.boolean().default(false),
});
export type GroupClaimConfig = z.infer<typeof groupClaimSchema>;

export const certificateRecordSchema = z.strictObject({
  id: z.string(),
  thumbprint: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type CertificateRecord = z.infer<typeof certificateRecordSchema>;

export const appSchema = z.strictObject({
  appId: z.uuid(),
  objectId: z.uuid(),
  displayName: z.string().min(1),
  /** Short name used on the CLI (`--app NAME`); unique in the tenant. */
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'use letters, digits, dot, dash or underscore'),
  // Section 1: Basic SAML Configuration
  identifiers: z.array(z.string().min(1)).default([]),
  defaultIdentifier: z.string().optional(),
  replyUrls: z.array(replyUrlSchema).default([]),
  // http(s) only: the launch route redirects browsers to the Sign-on URL and logout to the Logout URL,
  // so `javascript:` or `data:` here would run script on whoever clicks the app.
  signOnUrl: httpUrlSchema.optional(),
  relayState: z.string().optional(),
  logoutUrl: httpUrlSchema.optional(),
  // Section 2: Attributes & Claims
  nameId: z
    .strictObject({
      source: z.string().default('user.userprincipalname'),
      format: nameIdFormatSettingSchema.default('default'),
    })
    .default({ source: 'user.userprincipalname', format: 'default' }),
  claims: z.array(claimSchema).default(DEFAULT_CLAIMS),
  groupClaim: groupClaimSchema.optional(),
  /** "Include attribute name format" (advanced option): adds NameFormat to every Attribute. */
  attributeNameFormat: z.enum(['unspecified', 'uri', 'basic']).optional(),
  // Section 3: SAML Certificates
  signing: z
    .strictObject({
      option: z.enum(['assertion', 'response', 'both']).default('assertion'),
      algorithm: z.enum(['sha256', 'sha1']).default('sha256'),
    })
    .default({ option: 'assertion', algorithm: 'sha256' }),
  certificates: z.array(certificateRecordSchema).default([]),
  /** Also list inactive, unexpired certificates in the app metadata (Entra publishes only the active one). */
  publishInactiveCertificates: z.boolean().default(false),
  verification: z
    .strictObject({
      required: z.boolean().default(false),
      certificates: z.array(z.string()).default([]),
      allowSha1: z.boolean().default(false),
    })
    .default({ required: false, certificates: [], allowSha1: false }),
  encryption: z
    .strictObject({
      certificate: z.string().min(1),
      dataAlgorithm: z.enum(['aes256-cbc', 'aes256-gcm']).default('aes256-cbc'),
      keyAlgorithm: z.enum(['rsa-oaep-mgf1p', 'rsa-oaep']).default('rsa-oaep-mgf1p'),
    })
    .optional(),
  // Properties
  enabled: z.boolean().default(true),
  assignmentRequired: z.boolean().default(false),
  /** Assigned users (object id or UPN) and groups (object id). */
  assignedUsers: z.array(z.string()).default([]),
  assignedGroups: z.array(z.string()).default([]),
  /** Non-interactive sign-in for automation: sign this user (UPN) in without showing a page. */
  autoSignIn: z.string().optional(),
  /** LogoutResponse Issuer; docs/entra.md §6 [Conflict]: sts.windows.net by default. */
  logoutIssuerStyle: z.enum(['sts', 'login']).default('sts'),
});
export type EnterpriseApp = z.infer<typeof appSchema>;
export type EnterpriseAppInput = z.input<typeof appSchema>;

/** The Identifier Entra uses as Audience for IdP-initiated launches. */
export function defaultIdentifier(app: EnterpriseApp): string | undefined {
  return app.defaultIdentifier ?? app.identifiers[0];
}

/** The default Reply URL: the one flagged default, else the lowest index, else the first. */
export function defaultReplyUrl(app: EnterpriseApp): string | undefined {
  const flagged = app.replyUrls.find((r) => r.isDefault);
  if (flagged) return flagged.url;
  const indexed = app.replyUrls.filter((r) => r.index !== undefined).sort((a, b) => a.index! - b.index!);
  return (indexed[0] ?? app.replyUrls[0])?.url;
}

export function replyUrlByIndex(app: EnterpriseApp, index: number): string | undefined {
  return app.replyUrls.find((r) => r.index === index)?.url;
}

export function activeCertificate(app: EnterpriseApp): CertificateRecord | undefined {
  return app.certificates.find((c) => c.active);
}
