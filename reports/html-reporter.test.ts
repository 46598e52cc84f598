import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReporterConfigError } from './errors.js';
import { HtmlReporter } from './html-reporter.js';
import { leanReport } from './lean-report.js';
import { embedJson, loadAssets, renderHtml } from './html/render-page.js';
import { DISPLAY_BODY_CHARS, DISPLAY_XML_CHARS, type ReportView } from './html/view-model.js';
import { MAX_INDENT_DEPTH } from './html/xml-pretty.js';
import { largeReport } from './test-support/large-report.js';
import { HOSTILE_BODY, HOSTILE_RELAY_STATE, sampleReport } from './test-support/sample-report.js';
import type { RunReport, ScenarioResult } from './types.js';

const assets = loadAssets();

function dataBlock(html: string, id: string): string {
  const match = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html);
  if (!match?.[1]) throw new Error(`no data block ${id}`);
  return match[1];
}

describe('HTML report', () => {
  const html = renderHtml(sampleReport, assets);

  it('embeds the RunReport as JSON that parses back to the same report, less the baselines the view diffs', () => {
    const embedded = JSON.parse(dataBlock(html, 'samlspec-report')) as RunReport;
    const view = JSON.parse(dataBlock(html, 'samlspec-view')) as ReportView;
    expect(embedded.results.some((r) => r.evidence.responseSent?.baselineXml === '')).toBe(true);
    const withBaselines = embedded.results.map((r, i) => {
      const sent = r.evidence.responseSent;
      const diffed = view.results[i]?.response !== undefined && 'lines' in view.results[i]!.response!;
      expect(sent === undefined || (sent.baselineXml === '') === diffed).toBe(true);
      return sent
        ? { ...r, evidence: { ...r.evidence, responseSent: sampleReport.results[i]!.evidence.responseSent! } }
        : r;
    });
    expect({ ...embedded, results: withBaselines, calibration: sampleReport.calibration }).toEqual(
      sampleReport,
    );
  });

  it('contains no markup from the hostile strings: exactly three script elements, data free of `<`', () => {
    expect(html.match(/<script/gi)).toHaveLength(3);
    expect(html.match(/<\/script/gi)).toHaveLength(3);
    expect(html).not.toContain(HOSTILE_RELAY_STATE);
    expect(html).not.toContain(HOSTILE_BODY);
    expect(html).not.toMatch(/<script>alert/i);
    expect(dataBlock(html, 'samlspec-report')).toContain('\\u003cscript\\u003ealert(\\"relay\\")');
    // The template's comments are stripped, so any `<!--` would have come from the data.
    expect(html).not.toContain('<!--');
  });

  it('allows exactly its own script through the Content-Security-Policy', () => {
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
  });

  it('is self-contained: no external scripts, styles, fonts or images', () => {
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/@import|\burl\(/);
    expect(html).not.toMatch(/\{\{[A-Z_]+\}\}/);
  });

  it('marks the mutated line in the embedded diff', () => {
    const view = JSON.parse(dataBlock(html, 'samlspec-view')) as ReportView;
    const response = view.results[1]?.response;
    if (!response || 'omitted' in response) throw new Error('no diff');
    const changed = response.lines.filter((l) => !l.startsWith(' ')).map((l) => l.replace(/^(.)\s+/, '$1'));
    expect(changed).toEqual([
      '-Recipient="https://sp.example.com/saml/acs"/>',
      '+Recipient="https://other.example/acs"/>',
    ]);
    expect(view.results[3]?.refs.map((i) => view.refTable[i]?.href)).toEqual([
      'https://www.cve.org/CVERecord?id=CVE-2017-11427',
      undefined,
    ]);
  });

  it('inserts data in one pass, so markers and `$` patterns in the data stay literal', () => {
    const tricky: RunReport = {
      ...sampleReport,
      target: { ...sampleReport.target, description: "{{SCRIPT}} $& $' $`" },
    };
    const out = renderHtml(tricky, assets);
    expect(JSON.parse(dataBlock(out, 'samlspec-report')).target.description).toBe("{{SCRIPT}} $& $' $`");
    expect(out.match(/<script>/g)).toHaveLength(1);
  });

  it('escapes everything that could end a script element or open a comment', () => {
    expect(embedJson({ a: '</script><!--&\u2028' })).toBe(
      '{"a":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028"}',
    );
  });

  it('writes samlspec-report.html, and a missing template is a configuration error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'samlspec-html-'));
    expect(await new HtmlReporter({ outputDir: dir }).onRunEnd(sampleReport)).toEqual([
      join(dir, 'samlspec-report.html'),
    ]);
    // The reporter keeps the JSON report's evidence policy: by default passes and skips are compact.
    expect(await readFile(join(dir, 'samlspec-report.html'), 'utf8')).toBe(
      renderHtml(leanReport(sampleReport, 'failures'), assets),
    );
    expect(() => loadAssets([new URL('file:///nonexistent/')])).toThrow(ReporterConfigError);
    try {
      loadAssets([new URL('file:///nonexistent/')]);
    } catch (error) {
      expect((error as ReporterConfigError).code).toBe('TEMPLATE_NOT_FOUND');
    }
  });
});

// A catalog run once produced a 411 MB page in 25 s with 4 GB of memory: 10 000-deep nesting
// pretty-printed to 200 MB of indentation per response. These bounds are on sizes and line counts, which
// are deterministic; the one timing check compares with JSON.stringify of the same report, measured here.
describe('HTML report of a large run (400 results, 10 with 70 KB–1 MB responses)', () => {
  const report = largeReport(400, 10);
  const html = renderHtml(report, assets);
  const embedded = JSON.parse(dataBlock(html, 'samlspec-report')) as RunReport;
  const view = JSON.parse(dataBlock(html, 'samlspec-view')) as ReportView;
  const isHuge = (r: ScenarioResult): boolean => !r.tags.includes('small');
  const MB = 1024 * 1024;

  it('is much smaller than the evidence it shows', () => {
    expect(JSON.stringify(report).length).toBeGreaterThan(10 * MB);
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(12 * MB); // the budget is 25 MB
    // About what a ~5 KB response, its baseline and their diff take, escaped for the page.
    expect(html.length / report.results.length).toBeLessThan(25 * 1024);
  });

  it('diffs the ordinary responses, line by line, each shared line once', () => {
    const diffs = report.results.flatMap((r, i) => {
      const response = view.results[i]?.response;
      return !isHuge(r) && response && 'lines' in response ? [response] : [];
    });
    expect(diffs).toHaveLength(390);
    expect(diffs.every((d) => d.added === 1 && d.removed === 1)).toBe(true);
    const lines = diffs.flatMap((d) => d.lines);
    expect(Math.max(...diffs.map((d) => d.lines.length))).toBeLessThanOrEqual(120);
    expect(lines.length).toBeLessThan(390 * 120);
    // Indentation stops at MAX_INDENT_DEPTH (plus a split tag's attribute indent).
    expect(Math.max(...lines.map((l) => /^. */.exec(l)?.[0].length ?? 0))).toBeLessThanOrEqual(
      1 + 2 * (MAX_INDENT_DEPTH + 2),
    );
  });

  it('shows each huge response once, as an excerpt with a note, instead of a diff', () => {
    const huge = report.results.flatMap((r, i) => (isHuge(r) ? [i] : []));
    expect(huge).toHaveLength(10);
    for (const i of huge) {
      const full = report.results[i]?.evidence.responseSent?.xml ?? '';
      const shown = embedded.results[i]?.evidence.responseSent?.xml ?? '';
      expect(full.length).toBeGreaterThan(DISPLAY_XML_CHARS);
      expect(shown).toBe(full.slice(0, DISPLAY_XML_CHARS));
      expect(view.results[i]?.response).toEqual({ omitted: expect.stringMatching(/too (large|long)/) });
      expect(view.results[i]?.cut?.response).toBe(
        `${full.length.toLocaleString('en-US')} bytes, truncated for display to the first 65,536 characters; full text in samlspec-report.json.`,
      );
    }
    // The megabyte of SP reply is cut too; every other result is embedded exactly as reported.
    expect(view.results.filter((v) => v.cut?.spReply)).toHaveLength(1);
    expect(Math.max(...embedded.results.map((r) => r.evidence.spReply?.bodyExcerpt.length ?? 0))).toBe(
      DISPLAY_BODY_CHARS,
    );
    // Every other result is embedded as reported, less a baseline the view diffs (shown from the diff).
    report.results.forEach((r, i) => {
      if (isHuge(r)) return;
      const sent = r.evidence.responseSent;
      const expected = sent
        ? { ...r, evidence: { ...r.evidence, responseSent: { ...sent, baselineXml: '' } } }
        : r;
      expect(embedded.results[i]).toEqual(expected);
    });
  });
});
