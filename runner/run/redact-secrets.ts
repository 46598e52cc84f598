/**
 * @module Secrets the SP handed the harness, kept out of reports by default: CI uploads reports as
 * artifacts, and a session cookie in one is a working session on the SP. Set-Cookie values (the SP's
 * sessions and tokens) and any Cookie or Authorization header become `[redacted]`; cookie names and
 * attributes stay, since they are what a finding about SameSite or Secure is about. `--keep-secrets`
 * (run.keepSecrets) keeps them for debugging.
 */
import type { Evidence, RunReport, ScenarioResult, SpReplyEvidence } from '../../reports/types.js';

export const REDACTED = '[redacted]';

const SECRET_HEADERS = ['cookie', 'authorization', 'proxy-authorization'];

export function redactResult(result: ScenarioResult): ScenarioResult {
  return { ...result, evidence: redactEvidence(result.evidence) };
}

export function redactReport(report: RunReport): RunReport {
  return {
    ...report,
    results: report.results.map(redactResult),
    ...(report.calibration
      ? {
          calibration: report.calibration.map((flow) => ({
            ...flow,
            attempts: flow.attempts.map((a) =>
              a.evidence ? { ...a, evidence: redactEvidence(a.evidence) } : a,
            ),
          })),
        }
      : {}),
  };
}

export function redactEvidence(evidence: Evidence): Evidence {
  const out: Evidence = { ...evidence };
  if (evidence.spReply) out.spReply = redactReply(evidence.spReply);
  if (evidence.probe) out.probe = redactReply(evidence.probe);
  return out;
}

function redactReply(reply: SpReplyEvidence): SpReplyEvidence {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.headers)) {
    const key = name.toLowerCase();
    if (key === 'set-cookie') headers[name] = value.split('\n').map(redactSetCookie).join('\n');
    else if (SECRET_HEADERS.includes(key)) headers[name] = REDACTED;
    else headers[name] = value;
  }
  return { ...reply, headers };
}

/** `sid=abc; Path=/; HttpOnly` → `sid=[redacted]; Path=/; HttpOnly` (an empty value, a deletion, stays). */
export function redactSetCookie(line: string): string {
  const semi = line.indexOf(';');
  const pair = semi < 0 ? line : line.slice(0, semi);
  const rest = semi < 0 ? '' : line.slice(semi);
  const eq = pair.indexOf('=');
  if (eq < 0) return `${REDACTED}${rest}`;
  const value = pair.slice(eq + 1).trim();
  if (value === '' || value === '""') return line;
  return `${pair.slice(0, eq)}=${REDACTED}${rest}`;
}
