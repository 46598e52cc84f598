/**
 * @module The reply checks of scenarios with `replyCheck` (docs/attacks.md APP-04, APP-06): put a unique
 * marker where the scenario says before the response is built, then judge the SP's pages of the flow on
 * top of the session decision. A check passes only when it could judge: pages were seen, and for the
 * display name the SP showed it somewhere; otherwise the result is skipped with the reason, never a pass.
 */
import { CLAIM } from '../../mock-idp/internal.js';
import type { ReplyCheckEvidence, SpReplyEvidence, Verdict } from '../../reports/types.js';
import type { Scenario } from '../../scenarios/types.js';
import { findLeaks, signatureValuesOf } from '../oracles/error-leak.js';
import { findMarker, isUnescaped, newMarker, type Marker } from '../oracles/marker.js';
import type { SeenPage } from '../oracles/page.js';
import { recordsPages } from '../targets/reply-access.js';
import type { SpTarget } from '../targets/types.js';
import { outcomeFor, type Decision } from './decide-outcome.js';

/** The scenario as delivered: the marker placed, when its check uses one. */
export function placeMarker(scenario: Scenario): { scenario: Scenario; marker?: Marker } {
  if (scenario.replyCheck === 'relay-state-reflection') {
    const marker = newMarker();
    return {
      scenario: { ...scenario, delivery: { ...scenario.delivery, relayState: marker.value } },
      marker,
    };
  }
  if (scenario.replyCheck === 'display-name-reflection') {
    const marker = newMarker();
    const attributes = {
      ...scenario.response?.attributes,
      [CLAIM.displayName]: [`B. Simon ${marker.value}`],
    };
    return { scenario: { ...scenario, response: { ...scenario.response, attributes } }, marker };
  }
  return { scenario };
}

/** Every page of the delivery when the target keeps them; else the excerpts of the final reply and probe. */
export function pagesOf(
  target: SpTarget,
  reply: SpReplyEvidence,
  probe: SpReplyEvidence | undefined,
): readonly SeenPage[] {
  if (recordsPages(target)) return target.pagesSinceDelivery();
  return [reply, ...(probe ? [probe] : [])].map((r) => ({
    url: r.url,
    status: r.status,
    contentType: (r.headers['content-type'] ?? '').toLowerCase(),
    location: r.headers.location,
    body: r.bodyExcerpt,
  }));
}

export interface ReplyCheckInput {
  scenario: Scenario;
  marker?: Marker | undefined;
  pages: readonly SeenPage[];
  /** The response XML as delivered. */
  sentXml: string;
  verdict: Verdict;
}

export function applyReplyCheck(
  decision: Decision,
  input: ReplyCheckInput,
): { decision: Decision; evidence?: ReplyCheckEvidence } {
  const { scenario } = input;
  if (!scenario.replyCheck || scenario.replyCheck === 'session-fixation' || decision.outcome === 'error')
    return { decision };
  if (scenario.replyCheck === 'error-detail-leak') return judgeLeaks(decision, input);
  return judgeReflection(decision, input, scenario.replyCheck);
}

function judgeReflection(
  decision: Decision,
  { scenario, marker, pages, verdict }: ReplyCheckInput,
  check: 'relay-state-reflection' | 'display-name-reflection',
): { decision: Decision; evidence?: ReplyCheckEvidence } {
  if (!marker) throw new Error(`${scenario.id}: ${check} without a marker`);
  const what = check === 'relay-state-reflection' ? 'the RelayState' : 'the display name';
  const sightings = findMarker(pages, marker);
  const findings = sightings.map((s) => ({
    url: s.url,
    where: s.context,
    excerpt: s.excerpt,
    harmful: isUnescaped(s),
  }));
  const evidence: ReplyCheckEvidence = { check, needle: marker.token, pagesSeen: pages.length, findings };
  const expected = [...decision.expected, `${what} is never written unescaped into an HTML page`];
  const harmful = sightings.filter(isUnescaped);
  if (harmful.length > 0) {
    const where = [...new Set(harmful.map((s) => `${s.context} of ${s.url}`))].join(', ');
    const actual = `${decision.actual}; ${what} marker came back unescaped (${where})`;
    return { decision: { outcome: outcomeFor(scenario.level, false), expected, actual }, evidence };
  }
  const skip = (why: string): { decision: Decision; evidence: ReplyCheckEvidence } => ({
    decision: { outcome: 'skipped', expected, actual: `not applicable to this SP: ${why}` },
    evidence,
  });
  if (pages.length === 0) return skip('no page of the SP was seen, so reflection cannot be judged');
  if (check === 'display-name-reflection') {
    if (verdict.login !== 'accepted')
      return skip(`the SP did not sign the marked user in (${verdict.because}), so no page showed the name`);
    if (sightings.length === 0)
      return skip(
        `none of the ${pages.length} pages seen shows the display name, so its escaping cannot be judged`,
      );
  }
  const seen =
    sightings.length === 0
      ? `not shown in any of the ${pages.length} pages seen`
      : `shown only escaped or outside HTML (${[...new Set(sightings.map((s) => s.context))].join(', ')})`;
  return {
    decision: { ...decision, expected, actual: `${decision.actual}; ${what} marker ${seen}` },
    evidence,
  };
}

function judgeLeaks(
  decision: Decision,
  { scenario, pages, sentXml, verdict }: ReplyCheckInput,
): { decision: Decision; evidence?: ReplyCheckEvidence } {
  const values = signatureValuesOf(sentXml);
  const leaks = findLeaks(pages, values);
  const evidence: ReplyCheckEvidence = {
    check: 'error-detail-leak',
    pagesSeen: pages.length,
    findings: leaks.map((l) => ({ url: l.url, where: l.what, excerpt: l.excerpt, harmful: true })),
    note: `searched for ${values.signature.length} SignatureValue and ${values.digest.length} DigestValue texts of the response sent, and stack-trace shapes`,
  };
  const expected = [
    ...decision.expected,
    'the refusal page shows no signature or digest value and no stack trace',
  ];
  if (leaks.length > 0) {
    const what = [...new Set(leaks.map((l) => l.what))].join(', ');
    const actual = `${decision.actual}; the SP's page echoes ${what}`;
    return { decision: { outcome: outcomeFor(scenario.level, false), expected, actual }, evidence };
  }
  // Accepting the tampered response is the signature scenarios' finding; here there is no refusal page.
  const why =
    verdict.login !== 'rejected'
      ? `the SP did not refuse the response (${verdict.because}), so there is no refusal page to read`
      : pages.length === 0
        ? 'no page of the SP was seen'
        : values.signature.length + values.digest.length === 0
          ? 'the response sent carried no signature values'
          : undefined;
  if (why !== undefined)
    return {
      decision: { outcome: 'skipped', expected, actual: `not applicable to this SP: ${why}` },
      evidence,
    };
  const actual = `${decision.actual}; none of the ${pages.length} pages seen shows a signature value, digest value or stack trace`;
  return { decision: { ...decision, expected, actual }, evidence };
}
