import { describe, expect, it } from 'vitest';
import type { SpReplyEvidence } from '../../reports/types.js';
import { sampleReport } from '../../reports/test-support/sample-report.js';
import { REDACTED, redactReport, redactSetCookie } from './redact-secrets.js';

const reply = (headers: Record<string, string>): SpReplyEvidence => ({
  status: 302,
  url: 'https://sp.test/acs',
  headers,
  bodyExcerpt: '',
  hops: [],
});

describe('redactSetCookie', () => {
  it.each([
    [
      'sid=abc123; Path=/; HttpOnly; SameSite=None; Secure',
      `sid=${REDACTED}; Path=/; HttpOnly; SameSite=None; Secure`,
    ],
    ['token=a=b==', `token=${REDACTED}`],
    ['gone=; Max-Age=0', 'gone=; Max-Age=0'],
    ['weird', REDACTED],
  ])('%s', (line, redacted) => {
    expect(redactSetCookie(line)).toBe(redacted);
  });
});

describe('redactReport', () => {
  it('redacts Set-Cookie values and Cookie/Authorization headers in replies, probes and calibration, and nothing else', () => {
    const headers = {
      'set-cookie': 'sid=abc; Path=/\nother=xyz; HttpOnly',
      Authorization: 'Bearer t0k3n',
      location: '/me',
    };
    const result = {
      ...sampleReport.results[0]!,
      evidence: { spReply: reply(headers), probe: reply(headers) },
    };
    const report = {
      ...sampleReport,
      results: [result],
      calibration: [
        {
          flow: 'sp-initiated' as const,
          status: 'refused' as const,
          configuredOption: 'assertion' as const,
          configuredRefused: true,
          summary: 's',
          attempts: [
            {
              option: 'assertion' as const,
              algorithm: 'sha256' as const,
              accepted: false,
              because: 'x',
              evidence: { spReply: reply(headers) },
            },
          ],
        },
      ],
    };
    const text = JSON.stringify(redactReport(report));
    expect(text).not.toMatch(/abc|xyz|t0k3n/);
    expect(text).toContain(`sid=${REDACTED}; Path=/\\nother=${REDACTED}; HttpOnly`);
    expect(text).toContain('"location":"/me"');
    // The report given is left as it was.
    expect(JSON.stringify(report)).toContain('sid=abc');
  });
});
