/** @module The browserless HTTP user agent: re-exports. */
export {
  UserAgent,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
} from './user-agent.js';
export type { UserAgentOptions } from './user-agent.js';
export { UserAgentError } from './user-agent-error.js';
export type { UserAgentErrorCode } from './user-agent-error.js';
export { CookieJar, isSecureUrl } from './cookie-jar.js';
export type { Cookie, SameSite } from './cookie-jar.js';
export { parseForms, firstForm } from './html-form.js';
export type { FormFields, HtmlForm, Hop, RequestOptions, UaResponse } from './types.js';
