/**
 * @module What reports are made of. The JSON report is the source of truth; every other reporter
 * renders the same RunReport. Reports see only these types (never the mock IdP or the runner).
 */

export type Outcome = 'pass' | 'fail' | 'non-strict' | 'info' | 'error' | 'skipped';
export type Level = 'must' | 'should' | 'info';
export type Flow = 'sp-initiated' | 'idp-initiated';
export type Expectation = 'accept' | 'reject' | 'no-victim-session';

export type ReportRef =
  { doc: string; section: string; quote?: string } | { cve: string } | { url: string; title: string };

/** The oracle's reading of the SP's behaviour. */
export interface Verdict {
  login: 'accepted' | 'rejected' | 'inconclusive';
  /** Who the SP signed in, when it says: the baseline user, the attack's victim, or someone else. */
  identity?: 'baseline' | 'victim' | 'other' | undefined;
  because: string;
}

export interface HttpExchange {
  method: string;
  url: string;
  status: number;
  location?: string | undefined;
}

/** The SP's answer to one request, as evidence. */
export interface SpReplyEvidence {
  status: number;
  url: string;
  headers: Record<string, string>;
  /** The first few KB of the body. */
  bodyExcerpt: string;
  hops: HttpExchange[];
  /** A redirect the SP sent off its own origin after the delivery; recorded, never followed. */
  offSiteRedirect?: string | undefined;
}

export interface Evidence {
  /** The AuthnRequest the SP sent (decoded XML), for SP-initiated flows. */
  authnRequest?: { binding: 'redirect' | 'post'; xml: string; relayState?: string | undefined } | undefined;
  /** The response as posted (decoded XML) and the unmodified baseline it was derived from. */
  responseSent?:
    | {
        xml: string;
        baselineXml: string;
        relayState?: string | undefined;
        acsUrl: string;
        deliveries: number;
      }
    | undefined;
  spReply?: SpReplyEvidence | undefined;
  probe?: SpReplyEvidence | undefined;
  /** Files beside the report: screenshots, traces. Paths relative to the report directory. */
  artifacts?: string[] | undefined;
}

export interface ScenarioResult {
  id: string;
  flow: Flow;
  level: Level;
  expect: Expectation;
  outcome: Outcome;
  title: string;
  requirement: string;
  refs: ReportRef[];
  tags: string[];
  durationMs: number;
  /** What would have been right, and what happened (h2spec's Expected/Actual). */
  expected: string[];
  actual: string;
  verdict?: Verdict | undefined;
  /** For `error` outcomes: the harness error code and message. */
  error?: { code: string; message: string } | undefined;
  evidence: Evidence;
}

export interface RunSummary {
  passed: number;
  failed: number;
  nonStrict: number;
  info: number;
  errors: number;
  skipped: number;
}

export interface RunReport {
  tool: { name: 'samlspec'; version: string };
  target: {
    description: string;
    mode: 'http' | 'browser';
    spEntityId?: string | undefined;
    idpIssuer?: string | undefined;
    notes: string[];
  };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  strict: boolean;
  /** True when the run was stopped early (Ctrl-C, SP died); results hold what finished. */
  interrupted: boolean;
  /** What the harness process itself used (the SP's time is not in here). */
  resources?: { peakRssKb: number; cpuUserMs: number; cpuSystemMs: number } | undefined;
  summary: RunSummary;
  results: ScenarioResult[];
}

export interface PlannedScenario {
  id: string;
  flow: Flow;
  level: Level;
  title: string;
}

/** Every hook is optional and may be async; a failing reporter never stops the others. */
export interface Reporter {
  readonly name: string;
  onRunStart?(plan: {
    target: string;
    scenarios: readonly PlannedScenario[];
    strict: boolean;
  }): void | Promise<void>;
  onScenarioEnd?(result: ScenarioResult): void | Promise<void>;
  /** File-writing reporters write here; returns the paths written. */
  onRunEnd?(report: RunReport): void | string[] | Promise<void | string[]>;
  printsToStdio?(): boolean;
}

export function summarize(results: readonly ScenarioResult[]): RunSummary {
  const count = (o: Outcome): number => results.filter((r) => r.outcome === o).length;
  return {
    passed: count('pass'),
    failed: count('fail'),
    nonStrict: count('non-strict'),
    info: count('info'),
    errors: count('error'),
    skipped: count('skipped'),
  };
}
