/**
 * @module What the HTML page needs beyond the RunReport, computed here in tested TypeScript rather than
 * in the page: the verdict, ref links, the response diff, the pretty AuthnRequest, and which artifacts
 * are images. It is embedded beside the report, aligned with `report.results` by index.
 */
import { artifactHref, isImageArtifact } from '../artifacts.js';
import { OUTCOME_ORDER, OUTCOMES, type OutcomeInfo } from '../outcomes.js';
import { refView, type RefView } from '../refs.js';
import type { Outcome, RunReport, ScenarioResult } from '../types.js';
import { runVerdict, type RunVerdict } from '../verdict.js';
import { MAX_DIFF_CHARS, xmlDiff, type XmlDiff } from './xml-diff.js';
import { prettyXml } from './xml-pretty.js';

export interface ReportView {
  verdict: RunVerdict;
  outcomes: Readonly<Record<Outcome, OutcomeInfo>>;
  outcomeOrder: readonly Outcome[];
  results: ResultView[];
}

export interface ResultView {
  refs: RefView[];
  response?: XmlDiff;
  authnRequest?: string[];
  /** URL-encoded relative paths, safe for src/href. */
  images: string[];
  files: string[];
}

export function buildView(report: RunReport): ReportView {
  return {
    verdict: runVerdict(report),
    outcomes: OUTCOMES,
    outcomeOrder: OUTCOME_ORDER,
    results: report.results.map(resultView),
  };
}

function resultView(r: ScenarioResult): ResultView {
  const view: ResultView = { refs: r.refs.map(refView), images: [], files: [] };
  const sent = r.evidence.responseSent;
  if (sent) view.response = xmlDiff(sent.baselineXml, sent.xml);
  const request = r.evidence.authnRequest;
  if (request && request.xml.length <= MAX_DIFF_CHARS) view.authnRequest = prettyXml(request.xml);
  for (const artifact of r.evidence.artifacts ?? []) {
    const href = artifactHref(artifact);
    if (href) (isImageArtifact(artifact) ? view.images : view.files).push(href);
  }
  return view;
}
