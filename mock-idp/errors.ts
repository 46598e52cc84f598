/** @module Typed errors of the mock IdP's own API (not the AADSTS errors it shows to browsers). */

export type MockIdpErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'INVALID_CONFIG' | 'NO_SIGNING_KEY' | 'UNAUTHORIZED';

export class MockIdpError extends Error {
  constructor(
    readonly code: MockIdpErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MockIdpError';
  }
}
