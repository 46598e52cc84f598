/** @module The SAML protocol layer of the mock IdP: decoding, AuthnRequest and LogoutRequest handling. */
export { AADSTS, AadstsError, aadstsMessage, type AadstsCode } from './aadsts.js';
export {
  decodeSamlMessage,
  parseRedirectQuery,
  parseSamlMessage,
  MAX_ENCODED_CHARS,
  MAX_MESSAGE_BYTES,
  MAX_QUERY_CHARS,
  type MessageBinding,
  type RawQueryParam,
  type RedirectQuery,
  type SamlMessageDocument,
  type SamlMessageKind,
} from './decode-message.js';
export {
  assertAuthnContextSatisfied,
  checkSamlId,
  parseAuthnRequest,
  SUPPORTED_NAMEID_POLICY_FORMATS,
  type AuthnMethod,
  type ParsedAuthnRequest,
  type RequestedAuthnContext,
  type ScopingInfo,
} from './authn-request.js';
export {
  findAppByIssuer,
  resolveAcsUrl,
  resolveAuthnRequest,
  verifyPostSignature,
  verifyRedirectSignature,
  type ReceivedRequest,
  type ResolvedAuthnRequest,
  type VerificationSettings,
} from './resolve-request.js';
export {
  buildLogoutResponse,
  entraUrlEncode,
  findLogoutApp,
  handleLogoutRequest,
  logoutIssuer,
  parseLogoutRequest,
  type LogoutOutcome,
  type LogoutResponseOptions,
  type LogoutResponseOverrides,
  type ParsedLogoutRequest,
} from './logout.js';
export {
  buildIdpLogoutRequest,
  type IdpLogoutRequest,
  type IdpLogoutRequestOptions,
} from './idp-logout-request.js';
