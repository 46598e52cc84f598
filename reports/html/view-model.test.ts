import { describe, expect, it } from 'vitest';
import { artifactHref } from '../artifacts.js';
import { entraResponse, HUGE_KINDS } from '../test-support/large-report.js';
import { sampleReport, sampleResults } from '../test-support/sample-report.js';
import type { BaselineAttempt, RunReport, ScenarioResult } from '../types.js';
import { buildView, DISPLAY_BODY_CHARS, DISPLAY_XML_CHARS, displayReport } from './view-model.js';

describe('buildView', () => {
  const view = buildView(sampleReport);

  it('aligns one view per result, with the verdict and outcome legend', () => {
    expect(view.results).toHaveLength(sampleReport.results.length);
    expect(view.verdict.tone).toBe('fail');
    expect(view.outcomeOrder[0]).toBe('fail');
  });

  it('splits artifacts into images and files, dropping anything that is not a relative path', () => {
    expect(view.results[1]).toMatchObject({
      images: ['profiles/recipient-mismatch/screenshot.png'],
      files: ['profiles/recipient-mismatch/trace.zip'],
    });
    expect(artifactHref('shots/a b#1.png')).toBe('shots/a%20b%231.png');
    expect(artifactHref('C:\\x.png')).toBeUndefined();
    expect(artifactHref('/etc/passwd')).toBeUndefined();
    expect(artifactHref('JavaScript:alert(1)')).toBeUndefined();
  });

  it('pretty-prints the AuthnRequest and diffs the response', () => {
    expect(view.results[0]?.authnRequest?.[0]).toBe('<samlp:AuthnRequest');
    expect(view.results[0]?.response).toMatchObject({ added: 1, removed: 1 });
    expect(view.results[2]?.response).toBeUndefined();
  });

  it('embeds the report as it is when no evidence is beyond the display limits, less the baselines the view diffs', () => {
    const shown = displayReport(sampleReport, view);
    const diffed = view.results.map((r) => r.response !== undefined && 'lines' in r.response);
    expect(diffed).toContain(true);
    expect(shown.results.map((r) => r.evidence.responseSent?.baselineXml === '')).toEqual(diffed);
    const restored = shown.results.map((r, i) => {
      const sent = sampleReport.results[i]?.evidence.responseSent;
      return sent && diffed[i] ? { ...r, evidence: { ...r.evidence, responseSent: sent } } : r;
    });
    expect({ ...shown, results: restored, calibration: sampleReport.calibration }).toEqual(sampleReport);
    expect(view.results.every((r) => r.cut === undefined)).toBe(true);
  });

  it('cuts huge evidence to an excerpt in the embedded copy, with a note saying how big it was', () => {
    const [baselineXml, xml] = HUGE_KINDS['oversized-attribute'](1) as [string, string];
    const base = sampleResults[1] as ScenarioResult;
    const body = `<p>${'é'.repeat(20_000)}</p>`;
    const huge: ScenarioResult = {
      ...base,
      evidence: {
        ...base.evidence,
        responseSent: { xml, baselineXml, acsUrl: 'https://sp.example.com/saml/acs', deliveries: 1 },
        spReply: { status: 200, url: 'https://sp.example.com/', headers: {}, bodyExcerpt: body, hops: [] },
        authnRequest: { binding: 'post', xml: `<r>${'\u{1F600}'.repeat(40_000)}</r>` },
      },
    };
    const report: RunReport = { ...sampleReport, results: [huge] };
    const [shown] = displayReport(report, buildView(report)).results;
    const [v] = buildView(report).results;
    expect(shown?.evidence.responseSent?.xml).toBe(xml.slice(0, DISPLAY_XML_CHARS));
    expect(shown?.evidence.responseSent?.baselineXml).toBe(baselineXml);
    expect(shown?.evidence.spReply?.bodyExcerpt).toBe(body.slice(0, DISPLAY_BODY_CHARS));
    // Never half a surrogate pair: an emoji is two UTF-16 units, and the limit falls between them.
    expect(shown?.evidence.authnRequest?.xml).toHaveLength(DISPLAY_XML_CHARS - 1);
    expect(shown?.evidence.artifacts).toEqual(base.evidence.artifacts);
    expect(report.results[0]?.evidence.responseSent?.xml).toBe(xml); // the report itself is untouched
    expect(v?.cut).toEqual({
      response: `${xml.length.toLocaleString('en-US')} bytes, truncated for display to the first 65,536 characters; full text in samlspec-report.json.`,
      spReply:
        '40,007 bytes, truncated for display to the first 16,384 characters; full text in samlspec-report.json.',
      authnRequest:
        '160,007 bytes, truncated for display to the first 65,535 characters; full text in samlspec-report.json.',
    });
    // The big document appears once, as that excerpt: the view has a note, not a diff of it.
    expect(v?.response).toHaveProperty('omitted');
    expect(v?.authnRequest).toBeUndefined();
  });

  it('aligns an evidence view with each calibration attempt, and lists the SP-down events', () => {
    expect(view.calibration.map((c) => c.attempts.length)).toEqual([2, 1]);
    expect(view.calibration[0]?.attempts[0]?.response).toMatchObject({ added: 0, removed: 0 });
    expect(view.calibration[1]?.attempts[0]).toEqual({ images: [], files: [] });
    expect(view.spDown).toEqual([
      'SP stopped answering after attacks/xml/oversized-attribute@sp-initiated: 1 scenario run not run',
    ]);
    expect(view.signingOptions.both).toBe('Sign SAML response and assertion');
  });

  it("marks which fixes are a finding's remedy", () => {
    const finding = sampleReport.results.map((r, i) => [r.outcome, view.results[i]?.finding]);
    expect(finding).toContainEqual(['fail', true]);
    expect(finding).toContainEqual(['non-strict', true]);
    expect(finding).toContainEqual(['inconclusive', false]);
    expect(finding).toContainEqual(['pass', false]);
  });

  it('cuts huge calibration evidence in the embedded copy too', () => {
    const [baselineXml, xml] = HUGE_KINDS['oversized-attribute'](2) as [string, string];
    const calibration = sampleReport.calibration ?? [];
    const first = calibration[0];
    if (!first) throw new Error('no calibration');
    const huge: RunReport = {
      ...sampleReport,
      calibration: [
        {
          ...first,
          attempts: [
            {
              ...(first.attempts[0] as BaselineAttempt),
              evidence: {
                responseSent: { xml, baselineXml, acsUrl: 'https://sp.example.com/saml/acs', deliveries: 1 },
              },
            },
          ],
        },
      ],
    };
    const shown = displayReport(huge, buildView(huge)).calibration?.[0]?.attempts[0]?.evidence?.responseSent
      ?.xml;
    expect(shown).toBe(xml.slice(0, DISPLAY_XML_CHARS));
    expect(buildView(huge).calibration[0]?.attempts[0]?.cut?.response).toMatch(/truncated for display/);
    expect(huge.calibration?.[0]?.attempts[0]?.evidence?.responseSent?.xml).toBe(xml);
  });

  it('still diffs a realistic response with a certificate and signature', () => {
    const [v] = buildView({
      ...sampleReport,
      results: [
        {
          ...(sampleResults[0] as ScenarioResult),
          evidence: {
            responseSent: {
              xml: entraResponse(7, { nameId: 'victim@contoso.example' }),
              baselineXml: entraResponse(7),
              acsUrl: 'https://sp.example.com/saml/acs',
              deliveries: 1,
            },
          },
        },
      ],
    }).results;
    expect(v?.response).toMatchObject({ added: 1, removed: 1 });
  });
});
