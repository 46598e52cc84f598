/**
 * @module What reports are made of. The JSON report is the source of truth; every other reporter
 * renders the same RunReport. Reports see only these types (never the mock IdP or the runner).
 */
import type { Expectation, Flow, Level } from '../scenarios/verdict-terms.js';

/**
 * `inconclusive`: the SP was never seen to accept the baseline in this flow and configuration, so a
 * refusal proves nothing (never green; the run exits 2). `skipped` with `notRun` set: the SP was down.
 */
export type Outcome = 'pass' | 'fail' | 'non-strict' | 'info' | 'error' | 'inconclusive' | 'skipped';
/** Entra's "Signing Option" (SAML Signing Certificate): what the IdP signs. */
export type SigningOption = 'assertion' | 'response' | 'both';
// Declared once, where the catalog states them; the reports print the same words.
export type { Expectation, Flow, Level };

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
  /** What a reply check (reflection, error detail, session fixation) looked for and found. */
  replyCheck?: ReplyCheckEvidence | undefined;
  /** Single logout: the LogoutRequest the SP sent the IdP (decoded XML), and what its checks found. */
  logoutRequest?: { xml: string; problems: string[] } | undefined;
}

/** The evidence of a check over the SP's pages and cookies (scenarios' `replyCheck`). */
export interface ReplyCheckEvidence {
  check: string;
  /** The string searched for (the marker's token); reports highlight it in the excerpts. */
  needle?: string | undefined;
  /** How many SP pages were searched. */
  pagesSeen: number;
  /** Each place something was found; `harmful` ones are the finding, the others context. */
  findings: { url: string; where: string; excerpt: string; harmful: boolean }[];
  /** One sentence on how the check went (e.g. which cookies the browser held before sign-in). */
  note?: string | undefined;
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
  /** The remediation for a finding (what the SP must do; for a CVE, the fixed version). */
  fix?: string | undefined;
  /** The signing option this run used (the calibrated one unless the scenario chose its own). */
  signingOption?: SigningOption | undefined;
  /** For scenarios with attack variants: each variant tried and what came of it; `variant` names the one that got through. */
  variants?: { name: string; outcome: Outcome; actual: string }[] | undefined;
  variant?: string | undefined;
  /** Set on `skipped` results that were not run because the SP had stopped answering. */
  notRun?: 'sp-down' | undefined;
  /**
   * Set when the report left this result's evidence out (`--evidence failures`, the default, for passes
   * and skips): `evidence` then holds at most the artifact paths. See lean-report.ts.
   */
  compact?: true | undefined;
  evidence: Evidence;
}

/** One baseline delivery of calibration or of a liveness check. */
export interface BaselineAttempt {
  option: SigningOption;
  algorithm: 'sha256' | 'sha1';
  accepted: boolean;
  /** The oracle's reason, or the harness error. */
  because: string;
  /** The response sent and the SP's answer, for the report. */
  evidence?: Evidence | undefined;
}

/** What calibration found for one flow, before the catalog ran. */
export interface FlowCalibration {
  flow: Flow;
  /**
   * `calibrated`: `option` signs the baseline user in. `fixed`: the user fixed the option
   * (--signing-option) and the SP accepts it. `refused`: no option was accepted (the flow's scenarios are
   * inconclusive). `sp-initiated-only`: the SP refuses every unsolicited response (IdP-initiated flow only).
   */
  status: 'calibrated' | 'fixed' | 'refused' | 'sp-initiated-only';
  option?: SigningOption | undefined;
  /** The app's own (Entra default) option, and whether the SP refused it. */
  configuredOption: SigningOption;
  configuredRefused: boolean;
  /** One sentence for report headers: "this SP needs 'Sign SAML response and assertion'; Entra's default is refused". */
  summary: string;
  attempts: BaselineAttempt[];
}

/** The SP stopped answering during the run. */
export interface SpDownEvent {
  /** The scenario runs (id@flow) after which the SP stopped answering: the culprit, or the suspects. */
  after: string[];
  /** Whether the SP came back (a supervisor restarted it) and the run went on. */
  recovered: boolean;
  /** How many scenario runs were not run because the SP was down. */
  notRun: number;
  lastAnswer?: string | undefined;
}

/** Why a run stopped as a whole (before or between scenarios): the SP unreachable, Entra refusing its AuthnRequest, ... */
export interface RunError {
  /** The harness error code, e.g. TARGET_UNREACHABLE, IDP_REFUSED_REQUEST, BAD_CONFIG. */
  code: string;
  message: string;
}

export interface RunSummary {
  /** Set when the run stopped as a whole: the results are what finished before (often none). */
  runError?: RunError | undefined;
  passed: number;
  failed: number;
  nonStrict: number;
  info: number;
  errors: number;
  inconclusive: number;
  skipped: number;
}

/** One part of a run split with `--shard i/n`; `samlspec merge-reports` joins the parts into one report. */
export interface ReportShard {
  /** Shard `current` of `total` (1-based). */
  current: number;
  total: number;
  /** Scenario runs (id@flow) planned in this shard, and in the whole run (unset if it stopped before planning). */
  runs?: number | undefined;
  of?: number | undefined;
  /** Names the whole run's plan: shards of one run share it. */
  planFingerprint?: string | undefined;
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
  /** Set when `--max-failures` stopped the run (interrupted is then true; the exit code follows the findings). */
  interruptedBy?: { reason: 'max-failures'; limit: number } | undefined;
  /** What the harness process itself used (the SP's time is not in here). */
  resources?: { peakRssKb: number; cpuUserMs: number; cpuSystemMs: number } | undefined;
  /** Per flow: which signing option the SP accepts (runner/engine/calibrate.ts). */
  calibration?: FlowCalibration[] | undefined;
  /** Liveness: baseline re-deliveries during the run, and any time the SP stopped answering. */
  liveness?: { checks: number; failed: number; spDown: SpDownEvent[] } | undefined;
  /**
   * How much evidence the results keep (`--evidence`): `failures` leaves it out of passes and skips
   * (those are marked `compact`), `all` keeps every transcript. Unset in reports that predate the option
   * (they kept everything).
   */
  evidence?: 'failures' | 'all' | undefined;
  /** Set when this run was one shard of a split run (--shard i/n). */
  shard?: ReportShard | undefined;
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
    inconclusive: count('inconclusive'),
    skipped: count('skipped'),
  };
}
