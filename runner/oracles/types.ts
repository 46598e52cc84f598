/**
 * @module Oracles decide from the SP's own behaviour whether it signed someone in, and whom — never
 * from the ACS status code alone. Inconclusive is a harness error, never a pass.
 */
import type { Verdict } from '../../reports/types.js';
import type { SpReply, SpTarget } from '../targets/types.js';

export type { Verdict };

export interface Identities {
  baseline: string;
  victim: string;
}

export interface OracleInput {
  /** The SP's answer to the (last) response delivery, redirects within the SP followed. */
  reply: SpReply;
  target: SpTarget;
  identities: Identities;
}

export interface Oracle {
  readonly name: string;
  /** Set by oracles that fetch a probe page with the target's session (the session-fixation check needs one). */
  readonly probeUrl?: string | undefined;
  judge(input: OracleInput): Promise<{ verdict: Verdict; probe?: SpReply | undefined }>;
}
