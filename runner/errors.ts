/** @module Harness errors and exit codes. Only cli.ts sets the process exit code. */

export const EXIT = {
  /** Every `must` scenario passed (and, with --strict, every `should`). */
  ok: 0,
  /** The SP under test did something wrong: at least one finding. */
  findings: 1,
  /** The harness itself or its configuration is broken; nothing is claimed about the SP. */
  harness: 2,
} as const;

export type HarnessErrorCode =
  | 'BAD_CONFIG'
  | 'SCENARIO_INVALID'
  | 'TARGET_UNREACHABLE'
  | 'ORACLE_INCONCLUSIVE'
  | 'BROWSER_FAILED'
  | 'IDP_FAILED'
  /** The mock (as Entra would) refused the SP's AuthnRequest, e.g. AADSTS50011: an SP configuration problem. */
  | 'IDP_REFUSED_REQUEST'
  | 'TIMEOUT'
  /** The SP sent the browser to an origin the run may not contact (not named by the user): not followed. */
  | 'OFF_ORIGIN'
  /** The scenario needs something the SP target cannot do (e.g. no encryption certificate). */
  | 'NOT_APPLICABLE';

export class HarnessError extends Error {
  constructor(
    readonly code: HarnessErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'HarnessError';
  }
}
