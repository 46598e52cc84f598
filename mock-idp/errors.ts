/** @module Typed errors of the mock IdP's own API (not the AADSTS errors it shows to browsers). */

export type MockIdpErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_CONFIG'
  | 'NO_SIGNING_KEY'
  | 'UNAUTHORIZED'
  /** A request the admin API takes only from local tools (another Host, a cross-site Origin). */
  | 'FORBIDDEN'
  /** A state-changing admin request without a JSON (or, for SP metadata, XML) body. */
  | 'UNSUPPORTED_MEDIA_TYPE'
  /** The state directory cannot be used: not a directory, unreadable, damaged, or locked too long. */
  | 'STATE_UNUSABLE';

export class MockIdpError extends Error {
  /** For INVALID_CONFIG: the paths of the offending fields, e.g. `apps[0].replyUrls[1].url`. */
  readonly fields: readonly string[];
  constructor(
    readonly code: MockIdpErrorCode,
    message: string,
    options?: ErrorOptions & { fields?: readonly string[] },
  ) {
    super(message, options);
    this.name = 'MockIdpError';
    this.fields = options?.fields ?? [];
  }
}
