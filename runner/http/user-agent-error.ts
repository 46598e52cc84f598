/** @module The one error type the HTTP user agent throws: a stable code instead of raw network errors. */
import type { HarnessErrorCode } from '../errors.js';
import type { Hop } from './types.js';

export type UserAgentErrorCode =
  /** Connection refused/reset, DNS failure, TLS failure: nothing usable came back. */
  | 'TARGET_UNREACHABLE'
  /** The per-request time limit passed (connect, headers or body). */
  | 'TIMEOUT'
  /** The body exceeded the configured limit; reading stopped there. */
  | 'BODY_TOO_LARGE'
  | 'TOO_MANY_REDIRECTS'
  /** Not an absolute http(s) URL, or a form whose action cannot be resolved to one. */
  | 'INVALID_URL'
  /** submitForm/followAutoPost found no form where one was required. */
  | 'NO_FORM'
  /** The request would go to an origin the agent may not contact; it was not sent. */
  | 'OFF_ORIGIN';

export class UserAgentError extends Error {
  constructor(
    readonly code: UserAgentErrorCode,
    message: string,
    /** The hops completed before the failure, for the artifacts of a failed scenario. */
    readonly hops: readonly Hop[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'UserAgentError';
  }

  /**
   * How the runner classifies it: a target that cannot be reached (or answers too slowly or too much)
   * is TARGET_UNREACHABLE; a URL or form we built wrongly is our own SCENARIO_INVALID.
   */
  get harnessCode(): HarnessErrorCode {
    if (this.code === 'OFF_ORIGIN') return 'OFF_ORIGIN';
    return this.code === 'INVALID_URL' || this.code === 'NO_FORM' ? 'SCENARIO_INVALID' : 'TARGET_UNREACHABLE';
  }
}
