import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReporterConfigError } from './errors.js';
import { HtmlReporter } from './html-reporter.js';
import { embedJson, loadAssets, renderHtml } from './html/render-page.js';
import type { ReportView } from './html/view-model.js';
import { HOSTILE_BODY, HOSTILE_RELAY_STATE, sampleReport } from './test-support/sample-report.js';
import type { RunReport } from './types.js';

const assets = loadAssets();

function dataBlock(html: string, id: string): string {
  const match = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html);
  if (!match?.[1]) throw new Error(`no data block ${id}`);
  return match[1];
}

describe('HTML report', () => {
  const html = renderHtml(sampleReport, assets);

  it('embeds the RunReport as JSON that parses back to the same report', () => {
    expect(JSON.parse(dataBlock(html, 'samlspec-report'))).toEqual(sampleReport);
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
    expect(view.results[3]?.refs.map((r) => r.href)).toEqual([
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
    expect(await readFile(join(dir, 'samlspec-report.html'), 'utf8')).toBe(html);
    expect(() => loadAssets([new URL('file:///nonexistent/')])).toThrow(ReporterConfigError);
    try {
      loadAssets([new URL('file:///nonexistent/')]);
    } catch (error) {
      expect((error as ReporterConfigError).code).toBe('TEMPLATE_NOT_FOUND');
    }
  });
});
