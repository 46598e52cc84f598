/**
 * @module What a browser target can do beyond the SpTarget contract, as types and guards only (no
 * Playwright here), so the engine can use them without loading the browser in HTTP mode: sign in on the
 * mock IdP's own page as a person would, and keep evidence files (a screenshot of the SP's final page,
 * a trace of every failing scenario) and findings about cookies.
 */
import type { ScenarioResult } from '../../../reports/types.js';
import type { LoginStart, SpReply, SpTarget } from '../types.js';

export interface Credentials {
  username: string;
  password: string;
}

/** A sign-in done by typing into the IdP's sign-in page and clicking its button. */
export interface InteractiveSignInResult {
  /** The AuthnRequest the SP sent, as it reached the IdP. */
  login: LoginStart;
  /** What the IdP's page posted to the ACS (undefined if it never did). */
  delivered: { acsUrl: string; samlResponse: string; relayState?: string | undefined };
  reply: SpReply;
}

export interface InteractiveSignIn {
  signInInteractively(credentials: Credentials): Promise<InteractiveSignInResult>;
}

export interface ScenarioEvidence {
  /** Files beside the report (relative paths). */
  artifacts: string[];
  /** Sentences about what the browser did that explain the outcome (e.g. a cookie it withheld). */
  notes: string[];
}

export interface EvidenceRecorder {
  /** Called once, after the outcome is decided and before close(). */
  finishScenario(result: Pick<ScenarioResult, 'id' | 'flow' | 'outcome'>): Promise<ScenarioEvidence>;
}

export function canSignInInteractively(target: SpTarget): target is SpTarget & InteractiveSignIn {
  return typeof (target as Partial<InteractiveSignIn>).signInInteractively === 'function';
}

export function recordsEvidence(target: SpTarget): target is SpTarget & EvidenceRecorder {
  return typeof (target as Partial<EvidenceRecorder>).finishScenario === 'function';
}
