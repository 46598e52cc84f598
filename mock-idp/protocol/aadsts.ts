/**
 * @module Entra's AADSTS errors (docs/entra.md §3.5). The `AADSTSnnnnn:` prefix and meaning are stable;
 * the wording follows Microsoft's docs as closely as known (Microsoft itself changes it over time).
 */

export const AADSTS = {
  /** Issuer of the AuthnRequest matches no app Identifier. */
  appNotFound: '700016',
  /** Identifier configured without the trailing slash the request has, or similar misconfiguration. */
  misconfiguredApp: '650056',
  /** AssertionConsumerServiceURL not registered as a Reply URL. Never post to it. */
  replyUrlMismatch: '50011',
  /** ID starts with a digit. */
  invalidSamlId: '7500529',
  invalidNameIdPolicy: '75016',
  /** GET /saml2 with neither SAMLRequest nor SAMLResponse. */
  messageMissing: '750054',
  /** Undecodable or invalid SAML message. */
  invalidMessage: '75005',
  /** Unsupported AuthnRequest property (with 90011). */
  processingError: '75006',
  propertyNotSupported: '90011',
  propertyMustNotBeSet: '900236',
  authnContextMismatch: '75011',
  unsupportedBinding: '75003',
  /** Unsigned (or badly signed) request while the app requires verification certificates. */
  requestNotSigned: '76021',
  /** Signed in user not assigned to the app. */
  userNotAssigned: '50105',
  /** IsPassive without a session. */
  noPassiveSession: '50058',
  applicationDisabled: '7000112',
  nameIdSourceMissing: '501241',
  missingSigningKey: '50003',
  userNotFound: '50034',
  invalidPassword: '50126',
  userDisabled: '50057',
  signoutInvalidRequest: '50061',
  /** Unknown tenant in the URL. */
  tenantNotFound: '90002',
  /** The tenant segment of the URL is not a tenant identifier at all (e.g. undecodable bytes). */
  invalidTenantName: '900023',
  /** A request parameter (here: a path segment) is empty or not valid. */
  invalidRequestParameter: '90100',
} as const;
export type AadstsCode = (typeof AADSTS)[keyof typeof AADSTS];

type MessageArgs = Record<string, string | undefined>;

const MESSAGES: Record<AadstsCode, (a: MessageArgs) => string> = {
  '700016': (a) =>
    `Application with identifier '${a.identifier}' was not found in the directory '${a.tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  '650056': (a) =>
    `Misconfigured application. This could be due to one of the following: the client has not listed any permissions for 'AAD Graph' in the requested permissions in the client's application registration. Or, the admin has not consented in the tenant. Or, check the application identifier in the request to ensure it matches the configured client application identifier. Identifier: '${a.identifier}'.`,
  '50011': (a) =>
    // No AssertionConsumerServiceURL and no Reply URL configured: Entra's older wording (docs/entra.md §3.5).
    !a.replyUrl
      ? "Reply address '' specified by the request is not a valid URL. Allowed schemes: 'http,https,ms-app'"
      : `The reply URL '${a.replyUrl}' specified in the request does not match the reply URLs configured for the application '${a.app}'. Make sure the reply URL sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/urlMismatchError to learn more about how to fix this.`,
  '7500529': (a) => `The value '${a.value}' is not a valid SAML ID. The ID must not begin with a number.`,
  '75016': (a) =>
    `SAML2 Authentication Request has invalid NameIdPolicy.${a.format ? ` Format '${a.format}' is not supported.` : ''}`,
  '750054': () =>
    'SAMLRequest or SAMLResponse must be present as query string parameters in HTTP request for SAML Redirect binding.',
  '75005': (a) => `The request is not a valid Saml2 protocol message.${a.detail ? ` ${a.detail}` : ''}`,
  '75006': (a) =>
    `An error occurred while processing a SAML2 Authentication request.${a.detail ? ` ${a.detail}` : ''}`,
  '90011': (a) => `The SAML authentication request property '${a.property}' is not supported.`,
  '900236': (a) =>
    `The SAML authentication request property '${a.property}' isn't supported and must not be set.`,
  '75011': () =>
    "Authentication method by which the user authenticated with the service doesn't match requested authentication method. To learn more, see the troubleshooting article for error 'AADSTS75011'.",
  '75003': (a) =>
    `The request is not supported. Responses can only be sent with HTTP-POST, not '${a.binding}'.`,
  '76021': (a) =>
    a.reason === undefined || a.reason === 'unsigned'
      ? 'The request sent by client is not signed while the application requires signed requests.'
      : `The request sent by client is not signed while the application requires signed requests. (${a.reason})`,
  '50105': (a) =>
    `Your administrator has configured the application ${a.app} ('${a.appId}') to block users unless they are specifically granted ('assigned') access to the application. The signed in user '${a.user}' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator. Please contact your administrator to assign access to this application.`,
  '50058': () => 'A silent sign-in request was sent but no user is signed in.',
  '7000112': (a) => `Application '${a.appId}'(${a.app}) is disabled.`,
  '501241': (a) => `Mandatory Input '${a.source}' missing from transformation ID 'NameIdTransformation'.`,
  '50003': (a) => `No signing key configured for application '${a.app}'.`,
  '50034': (a) =>
    `The user account ${a.user ?? ''} does not exist in the ${a.tenant} directory. To sign into this application, the account must be added to the directory.`,
  '50126': () => 'Error validating credentials due to invalid username or password.',
  '50057': () => 'The user account is disabled.',
  '90002': (a) =>
    `Tenant '${a.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  '50061': (a) => `Signout failed. The request was invalid.${a.detail ? ` ${a.detail}` : ''}`,
  '900023': (a) =>
    `Specified tenant identifier '${a.tenant}' is neither a valid DNS name, nor a valid external domain.`,
  '90100': (a) => `${a.parameter ?? 'A request'} parameter is empty or not valid.`,
};

/** An error Entra shows on its sign-in error page (or posts to the SP, for the few posted ones). */
export class AadstsError extends Error {
  readonly args: MessageArgs;
  constructor(
    readonly code: AadstsCode,
    args: MessageArgs = {},
    /** 400 for request errors; the page is HTML either way. */
    readonly httpStatus = 400,
  ) {
    super(`AADSTS${code}: ${MESSAGES[code](args)}`);
    this.name = 'AadstsError';
    this.args = args;
  }
}

export function aadstsMessage(code: AadstsCode, args: MessageArgs = {}): string {
  return `AADSTS${code}: ${MESSAGES[code](args)}`;
}
