/**
 * @module What the HTML page needs beyond the RunReport, computed here in tested TypeScript rather than
 * in the page: the verdict, ref links, the response diff, the pretty AuthnRequest, which artifacts are
 * images, whether a result's fix is a finding's remedy, the calibration attempts' evidence and the
 * SP-down lines. It is embedded beside the report, aligned with `report.results` (and
 * `report.calibration[].attempts`) by index.
 *
 * The page embeds a display copy of the report (`displayReport`): evidence text longer than the display
 * limits (a 1 MB attack payload, a megabyte of SP reply) is cut to an excerpt there, and the view says so.
 * The JSON report keeps every byte.
 */
import { Buffer } from 'node:buffer';
import { artifactHref, isImageArtifact } from '../artifacts.js';
import { JSON_REPORT_FILE } from '../json-reporter.js';
import { OUTCOME_ORDER, OUTCOMES, type OutcomeInfo } from '../outcomes.js';
import { refView, type RefView } from '../refs.js';
import { SIGNING_OPTION_LABEL, showsFix, skipReasons, spDownLines, type SkipReason } from '../run-notes.js';
import type {
  Evidence,
  FlowCalibration,
  Outcome,
  RunReport,
  ScenarioResult,
  SigningOption,
} from '../types.js';
import { runVerdict, type RunVerdict } from '../verdict.js';
import { MAX_DIFF_CHARS, MAX_DIFF_LINES, xmlDiff, type XmlDiff } from './xml-diff.js';
import { prettyXml } from './xml-pretty.js';

/** XML (the response, its baseline, the AuthnRequest) beyond this many characters is cut in the page. */
export const DISPLAY_XML_CHARS = 64 * 1024;
/** SP reply and probe bodies beyond this many characters are cut in the page. */
export const DISPLAY_BODY_CHARS = 16 * 1024;

export interface ReportView {
  verdict: RunVerdict;
  outcomes: Readonly<Record<Outcome, OutcomeInfo>>;
  outcomeOrder: readonly Outcome[];
  results: ResultView[];
  /** Every distinct reference link once; results name theirs by index (the same few dozen recur). */
  refTable: RefView[];
  /** Aligned with `report.calibration`: the evidence view of each attempt. */
  calibration: { attempts: EvidenceView[] }[];
  /** "SP stopped answering after …: N scenario runs not run", one per event. */
  spDown: string[];
  skipReasons: SkipReason[];
  signingOptions: Readonly<Record<SigningOption, string>>;
}

/** The evidence texts the page may show cut short. */
export type CutField = 'response' | 'baseline' | 'authnRequest' | 'spReply' | 'probe';

/** What the page shows of one piece of evidence (a result's, or a calibration attempt's). */
export interface EvidenceView {
  response?: XmlDiff;
  authnRequest?: string[];
  /** URL-encoded relative paths, safe for src/href. */
  images: string[];
  files: string[];
  /** Evidence cut short in the page's copy of the report, each with a note saying how long it was. */
  cut?: Partial<Record<CutField, string>>;
}

export interface ResultView extends EvidenceView {
  /** Indexes into `refTable`. */
  refs: number[];
  /** The result proves the SP wrong, so its fix is the remedy (not just how a conforming SP behaves). */
  finding: boolean;
}

export function buildView(report: RunReport): ReportView {
  const refTable: RefView[] = [];
  const refIndex = new Map<string, number>();
  const refNumber = (ref: RefView): number => {
    const key = JSON.stringify(ref);
    let index = refIndex.get(key);
    if (index === undefined) {
      index = refTable.push(ref) - 1;
      refIndex.set(key, index);
    }
    return index;
  };
  return {
    verdict: runVerdict(report),
    outcomes: OUTCOMES,
    outcomeOrder: OUTCOME_ORDER,
    results: report.results.map((r) => resultView(r, refNumber)),
    refTable,
    calibration: (report.calibration ?? []).map((c) => ({
      attempts: c.attempts.map((a) => evidenceView(a.evidence ?? {})),
    })),
    spDown: spDownLines(report),
    skipReasons: skipReasons(report),
    signingOptions: SIGNING_OPTION_LABEL,
  };
}

/**
 * The report as the page embeds it: the same, except for evidence text beyond the display limits, and
 * without the raw baseline of a response the view diffs (`view`, from buildView of the same report): the
 * diff's unchanged and removed lines are the baseline, pretty-printed, and the page shows those. That
 * baseline was a third of an all-pass demo's page.
 */
export function displayReport(report: RunReport, view: ReportView): RunReport {
  const shown: RunReport = {
    ...report,
    results: report.results.map((r, i) => displayResult(r, view.results[i])),
  };
  if (report.calibration)
    shown.calibration = report.calibration.map((c, i) => displayCalibration(c, view.calibration[i]));
  return shown;
}

function resultView(r: ScenarioResult, refNumber: (ref: RefView) => number): ResultView {
  return {
    refs: r.refs.map((ref) => refNumber(refView(ref))),
    finding: showsFix(r),
    ...evidenceView(r.evidence),
  };
}

function evidenceView(e: Evidence): EvidenceView {
  const view: EvidenceView = { images: [], files: [] };
  const sent = e.responseSent;
  if (sent) view.response = xmlDiff(sent.baselineXml, sent.xml);
  const request = e.authnRequest;
  const requestLines =
    request && request.xml.length <= MAX_DIFF_CHARS ? prettyXml(request.xml, MAX_DIFF_LINES) : undefined;
  if (requestLines) view.authnRequest = requestLines;
  for (const artifact of e.artifacts ?? []) {
    const href = artifactHref(artifact);
    if (href) (isImageArtifact(artifact) ? view.images : view.files).push(href);
  }
  const cut: Partial<Record<CutField, string>> = {};
  for (const [field, text, limit] of evidenceTexts(e)) {
    if (text.length > limit) cut[field] = cutNote(text, excerpt(text, limit).length);
  }
  if (Object.keys(cut).length) view.cut = cut;
  return view;
}

function evidenceTexts(e: Evidence): [CutField, string, number][] {
  const texts: [CutField, string, number][] = [];
  if (e.responseSent) {
    texts.push(['response', e.responseSent.xml, DISPLAY_XML_CHARS]);
    texts.push(['baseline', e.responseSent.baselineXml, DISPLAY_XML_CHARS]);
  }
  if (e.authnRequest) texts.push(['authnRequest', e.authnRequest.xml, DISPLAY_XML_CHARS]);
  if (e.spReply) texts.push(['spReply', e.spReply.bodyExcerpt, DISPLAY_BODY_CHARS]);
  if (e.probe) texts.push(['probe', e.probe.bodyExcerpt, DISPLAY_BODY_CHARS]);
  return texts;
}

function cutNote(text: string, shown: number): string {
  const n = (count: number): string => count.toLocaleString('en-US');
  return `${n(Buffer.byteLength(text, 'utf8'))} bytes, truncated for display to the first ${n(shown)} characters; full text in ${JSON_REPORT_FILE}.`;
}

/** The first `limit` characters, never ending in half a surrogate pair. */
function excerpt(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

function displayResult(r: ScenarioResult, view: EvidenceView | undefined): ScenarioResult {
  const evidence = withoutDiffedBaseline(displayEvidence(r.evidence), view);
  return evidence === r.evidence ? r : { ...r, evidence };
}

function displayCalibration(
  c: FlowCalibration,
  view: { attempts: EvidenceView[] } | undefined,
): FlowCalibration {
  return {
    ...c,
    attempts: c.attempts.map((a, i) => {
      const evidence = a.evidence && withoutDiffedBaseline(displayEvidence(a.evidence), view?.attempts[i]);
      return evidence === a.evidence ? a : { ...a, evidence };
    }),
  };
}

/** An empty `baselineXml` tells the page to show the baseline from the diff's lines. */
function withoutDiffedBaseline(e: Evidence, view: EvidenceView | undefined): Evidence {
  const sent = e.responseSent;
  if (!sent || !view?.response || !('lines' in view.response)) return e;
  return { ...e, responseSent: { ...sent, baselineXml: '' } };
}

/** The same object when nothing is beyond the limits, so the embedded copy shares what it can. */
function displayEvidence(e: Evidence): Evidence {
  if (evidenceTexts(e).every(([, text, limit]) => text.length <= limit)) return e;
  const { responseSent, authnRequest, spReply, probe } = e;
  const evidence: Evidence = { ...e };
  if (responseSent) {
    evidence.responseSent = {
      ...responseSent,
      xml: excerpt(responseSent.xml, DISPLAY_XML_CHARS),
      baselineXml: excerpt(responseSent.baselineXml, DISPLAY_XML_CHARS),
    };
  }
  if (authnRequest)
    evidence.authnRequest = { ...authnRequest, xml: excerpt(authnRequest.xml, DISPLAY_XML_CHARS) };
  if (spReply)
    evidence.spReply = { ...spReply, bodyExcerpt: excerpt(spReply.bodyExcerpt, DISPLAY_BODY_CHARS) };
  if (probe) evidence.probe = { ...probe, bodyExcerpt: excerpt(probe.bodyExcerpt, DISPLAY_BODY_CHARS) };
  return evidence;
}
