/** @module Typed errors of the mock IdP's own API (not the AADSTS errors it shows to browsers). */

export type MockIdpErrorCode =
  'NOT_FOUND' | 'CONFLICT' | 'INVALID_CONFIG' | 'NO_SIGNING_KEY' | 'UNAUTHORIZED';

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
