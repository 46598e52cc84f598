import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { FakeDocument, fakeWindow, type FakeElement } from '../test-support/fake-dom.js';
import { sampleReport } from '../test-support/sample-report.js';
import type { RunReport } from '../types.js';
import { embedJson, loadAssets } from './render-page.js';
import { buildView, displayReport } from './view-model.js';

const assets = loadAssets();

/** Runs the page script over the template's elements, with the report embedded as render-page does. */
function renderPage(report: RunReport): FakeDocument {
  const ids = [...assets.template.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1] as string);
  const document = new FakeDocument(ids, {
    'samlspec-report': embedJson(displayReport(report, buildView(report))),
    'samlspec-view': embedJson(buildView(report)),
  });
  for (const [, id] of assets.template.matchAll(/<[^>]*\bid="([^"]+)"[^>]*\bhidden\b[^>]*>/g))
    (document.getElementById(id as string) as FakeElement).hidden = true;
  runInNewContext(assets.script, fakeWindow(document));
  return document;
}

const byId = (doc: FakeDocument, id: string): FakeElement => {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`no #${id}`);
  return el;
};

/** The result row of a scenario run, opened so its detail is built. */
function openRow(doc: FakeDocument, id: string, flow: string): FakeElement {
  const index = sampleReport.results.findIndex((r) => r.id === id && r.flow === flow);
  const row = byId(doc, 'results').find((e) => e.getAttribute('id') === `s-${index}`)[0];
  if (!row) throw new Error(`no row for ${id}`);
  row.toggle(true);
  return row;
}

describe('HTML report page script', () => {
  const doc = renderPage(sampleReport);

  it('shows the calibration of each flow in the header, with the attempts and their evidence', () => {
    const section = byId(doc, 'calibration');
    expect(section.hidden).toBe(false);
    const flows = section.find((e) => e.hasClass('calibration-flow'));
    expect(flows.map((f) => f.getAttribute('class'))).toEqual([
      'calibration-flow status-calibrated',
      'calibration-flow status-sp-initiated-only',
    ]);
    expect(flows[0]?.textContent).toContain('this SP needs "Sign SAML response and assertion"');
    const buttons = section.find((e) => e.hasClass('show-evidence'));
    expect(buttons).toHaveLength(2);
    const evidenceRow = section.find((e) => e.hasClass('attempt-evidence'))[0] as FakeElement;
    expect(evidenceRow.hidden).toBe(true);
    buttons[0]?.click();
    expect(evidenceRow.hidden).toBe(false);
    expect(evidenceRow.find((e) => e.getAttribute('role') === 'tab').map((t) => t.textContent)).toEqual([
      'Response sent+0 −0',
      'SP reply403',
    ]);
    // Hostile text from the SP stays text.
    expect(section.textContent).toContain('<script>alert(1)</script>');
    expect(section.find((e) => e.tagName === 'script')).toHaveLength(0);
  });

  it('keeps the calibration section hidden when the run had none', () => {
    const results = sampleReport.results.filter((r) => !r.notRun);
    const plain = renderPage({ ...sampleReport, results, calibration: undefined, liveness: undefined });
    expect(byId(plain, 'calibration').hidden).toBe(true);
    expect(byId(plain, 'incidents').childNodes).toHaveLength(0);
  });

  it('says in the header when the SP stopped answering', () => {
    expect(byId(doc, 'incidents').textContent).toBe(
      'SP stopped answering after attacks/xml/oversized-attribute@sp-initiated: 1 scenario run not run',
    );
    const notes = byId(doc, 'notes').find((e) => e.hasClass('skip-reason'));
    expect(notes.map((n) => n.textContent)).toEqual([
      'Skipped 1×: the target does not support IdP-initiated login',
    ]);
  });

  it('gives inconclusive its own filter and counts it as needing attention, never as a pass', () => {
    const filter = byId(doc, 'outcome-filters').find(
      (e) => e.getAttribute('data-outcome') === 'inconclusive',
    );
    expect(filter).toHaveLength(1);
    expect(filter[0]?.getAttribute('class')).toBe('o-inconclusive');
    expect(filter[0]?.textContent).toBe('Inconclusive1');
    expect(byId(doc, 'verdict').textContent).toContain('5 need attention');
    expect(assets.css).toMatch(/\.o-inconclusive \{\s*--c: var\(--inconclusive\);/);
  });

  it("shows a finding's fix as the remedy, with the variants tried and the one that got through", () => {
    const detail = openRow(doc, 'attacks/comments/nameid-comment-injection', 'sp-initiated');
    const fix = detail.find((e) => e.hasClass('fix'));
    expect(fix.map((f) => f.getAttribute('class'))).toEqual(['fix finding']);
    expect(fix[0]?.textContent).toContain('CVE-2017-11428');
    const rows = detail.find((e) => e.hasClass('variants'))[0]?.find((e) => e.tagName === 'tr') ?? [];
    expect(rows.map((r) => r.getAttribute('class'))).toEqual([null, 'through', null]);
    expect(detail.textContent).toContain('Signing option: Sign SAML response and assertion');
  });

  it("shows a diffed response's baseline from the diff, since the page's copy leaves its raw bytes out", () => {
    const index = buildView(sampleReport).results.findIndex(
      (v) => v.response && 'lines' in v.response && v.response.removed > 0,
    );
    const result = sampleReport.results[index]!;
    const response = buildView(sampleReport).results[index]!.response as { lines: string[] };
    const removed = response.lines
      .find((l) => l.startsWith('-'))!
      .slice(1)
      .trim();
    const added = response.lines
      .find((l) => l.startsWith('+'))!
      .slice(1)
      .trim();
    const detail = openRow(doc, result.id, result.flow);
    const tab = detail.find((e) => e.tagName === 'button' && e.textContent === 'Baseline')[0];
    if (!tab) throw new Error('no Baseline tab');
    tab.click();
    const shown = detail
      .find((e) => e.hasClass('code'))
      .map((c) => c.textContent)
      .join('\n');
    expect(shown).toContain(removed);
    expect(shown).not.toContain(added);
  });

  it('explains an inconclusive result and does not present its fix as a remedy', () => {
    const detail = openRow(doc, 'attacks/xsw/xsw1-response-copy-in-signature', 'idp-initiated');
    expect(detail.find((e) => e.hasClass('inconclusive-note'))).toHaveLength(1);
    expect(detail.find((e) => e.hasClass('fix')).map((f) => f.getAttribute('class'))).toEqual(['fix']);
  });

  it('marks the runs the SP was down for', () => {
    const row = openRow(doc, 'attacks/xml/deep-nesting', 'sp-initiated');
    expect(row.find((e) => e.hasClass('sp-down'))).toHaveLength(1);
    expect(row.textContent).toContain('Not run: the SP had stopped answering');
  });

  it('opens a reply-check finding on its excerpt, the marker highlighted as text (never as markup)', () => {
    const id = 'attacks/comments/nameid-comment-injection';
    const needle = 'samlspec0a1b2c3d4e5f';
    const report: RunReport = {
      ...sampleReport,
      results: sampleReport.results.map((r) =>
        r.id === id && r.flow === 'sp-initiated'
          ? {
              ...r,
              evidence: {
                ...r.evidence,
                replyCheck: {
                  check: 'relay-state-reflection',
                  needle,
                  pagesSeen: 2,
                  findings: [
                    {
                      url: 'http://sp.test/',
                      where: 'escaped',
                      excerpt: `&lt;svg ${needle}`,
                      harmful: false,
                    },
                    {
                      url: 'http://sp.test/acs',
                      where: 'html-attribute',
                      excerpt: `<a href="/x"'><svg/onload=${needle}>">`,
                      harmful: true,
                    },
                  ],
                },
              },
            }
          : r,
      ),
    };
    const page = renderPage(report);
    const index = report.results.findIndex((r) => r.id === id && r.flow === 'sp-initiated');
    const row = byId(page, 'results').find((e) => e.getAttribute('id') === `s-${index}`)[0]!;
    row.toggle(true);
    const marks = row.find((e) => e.tagName === 'mark');
    expect(marks.map((m) => m.textContent)).toEqual([needle, needle]);
    expect(row.find((e) => e.tagName === 'svg')).toEqual([]);
    const rows = row.find((e) => e.hasClass('reply-check'))[0]?.find((e) => e.tagName === 'tr') ?? [];
    expect(rows.map((r) => r.getAttribute('class'))).toEqual([null, 'harmful', null]);
  });
});
