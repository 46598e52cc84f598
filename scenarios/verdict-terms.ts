/**
 * @module The words a scenario's verdict is stated in — its level, its flow and what the SP must do —
 * declared once: the catalog states them (scenarios/types.ts) and the reports print them
 * (reports/types.ts re-exports them). No imports, so the reports pull in nothing of the catalog.
 */

/** must: a broken must is a finding; should: reported as non-strict (a finding with --strict); info: observed only. */
export type Level = 'must' | 'should' | 'info';
export type Flow = 'sp-initiated' | 'idp-initiated';

/**
 * What the SP must do. `accept`: sign the baseline user in. `reject`: create no session at all (policy
 * cases). `no-victim-session`: a forgery — the SP fails only if it signs the victim in; signing in the
 * baseline user (using only the signed assertion) is lenient but safe (docs/attacks.md §0).
 */
export type Expectation = 'accept' | 'reject' | 'no-victim-session';
