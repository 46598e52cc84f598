import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cell, MarkdownReporter, renderMarkdown } from './markdown-reporter.js';
import { sampleReport } from './test-support/sample-report.js';
import { summarize } from './types.js';

const tableRows = (md: string, heading: string): string[] => {
  const section = md.slice(md.indexOf(heading));
  return section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Outcome'));
};

describe('Markdown reporter', () => {
  const md = renderMarkdown(sampleReport);

  it('opens with the verdict and the summary table', () => {
    expect(md.split('\n')[0]).toMatch(
      /^## ❌ samlspec: FAILED: 2 findings, 1 non-strict \(SHOULD\), 1 harness error, 1 inconclusive/,
    );
    expect(md).toContain('| ✓ Passed | 1 |');
    expect(md).toContain('| ✗ Failed | 2 |');
    expect(md).toContain('| ‼ Error | 1 |');
    expect(md).toContain('| ? Inconclusive | 1 |');
    expect(md).toContain('Reference SP &lt;strict&gt; &amp; co');
  });

  it('says how calibration went and when the SP stopped answering, before the counts', () => {
    const notes = md.slice(0, md.indexOf('| Outcome | Count |')).split('\n');
    expect(notes.filter((l) => l.startsWith('- Calibration: '))).toHaveLength(2);
    expect(notes).toContain(
      '- ⚠️ SP stopped answering after attacks/xml/oversized-attribute@sp-initiated: 1 scenario run not run',
    );
    const none = renderMarkdown({ ...sampleReport, calibration: undefined, liveness: undefined });
    expect(none).not.toContain('- Calibration:');
  });

  it('says why scenarios were skipped, grouped by reason, the SP-down ones counted apart', () => {
    const notes = md.slice(0, md.indexOf('| Outcome | Count |')).split('\n');
    expect(notes.filter((l) => l.startsWith('- Skipped '))).toEqual([
      '- Skipped 1×: the target does not support IdP-initiated login',
    ]);
  });

  it('gives each finding its fix, and none to errors and inconclusive results', () => {
    const fixes = tableRows(md, '### Findings').map((r) => r.replace(/\\\|/g, '¦').split(' | ')[7]);
    expect(fixes[0]).toMatch(/^Compare Recipient with your own ACS URL ¦ exactly/);
    expect(fixes[1]).toContain('CVE-2017-11428');
    expect(fixes[2]).toMatch(/^Keep used assertion IDs/);
    expect(fixes.slice(3)).toEqual(['—', '—']);
    expect(tableRows(md, '### Findings')[1]).toContain('(variant: comment in NameID)');
  });

  it('lists findings fail first, then non-strict, then errors, and collapses passes into a count', () => {
    const rows = tableRows(md, '### Findings');
    expect(rows.map((r) => r.split(' | ')[1])).toEqual([
      '`profiles/4.1.4.3/recipient-mismatch`',
      '`attacks/comments/nameid-comment-injection`',
      '`profiles/4.1.4.3/one-time-use-ignored`',
      '`attacks/xsw/xsw3-assertion-sibling`',
      '`attacks/xsw/xsw1-response-copy-in-signature`',
    ]);
    expect(rows[3]).toContain('TARGET\\_UNREACHABLE: connect ECONNREFUSED');
    expect(rows[4]).toMatch(/^\| \? Inconclusive \| /);
    expect(rows[1]).toContain('[CVE-2017-11428](https://www.cve.org/CVERecord?id=CVE-2017-11428)');
    expect(md).toContain('1 passed, 1 info, 2 skipped: listed in the HTML and JSON reports.');
    expect(md).not.toContain('core/2.5.1.2/not-on-or-after-past');
    expect(md).not.toContain('entra/claims/extra-claim');
  });

  it('keeps every row on one line with escaped pipes, no raw HTML and no control characters', () => {
    const rows = tableRows(md, '### Findings');
    const first = rows[0] ?? '';
    expect(first).toContain('a \\| different ACS URL');
    // 9 columns → 10 unescaped pipes per row.
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(11);
    expect(md).not.toMatch(/<script|<!--|<b>/);
    expect(md).not.toContain('\u0000');
    expect(md).not.toContain('\u001b');
    // A javascript: ref is shown as text, never linked.
    expect(md).not.toContain('](javascript:');
  });

  it('escapes cells', () => {
    expect(cell('a|b\nc <i>*x*</i> `y` [z]')).toBe('a\\|b c &lt;i&gt;\\*x\\*&lt;/i&gt; \\`y\\` \\[z\\]');
  });

  it('says so when there is nothing to report, and caps long findings lists', () => {
    const clean = sampleReport.results.filter((r) => r.outcome === 'pass');
    const cleanMd = renderMarkdown({ ...sampleReport, results: clean, summary: summarize(clean) });
    expect(cleanMd.split('\n')[0]).toBe('## ✅ samlspec: PASSED: no findings.');
    expect(cleanMd).toContain('No findings, no harness errors and nothing inconclusive.');
    expect(renderMarkdown(sampleReport, 1)).toContain('…and 4 more;');
  });

  it('writes the file and appends to $GITHUB_STEP_SUMMARY when it is set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'samlspec-md-'));
    const summary = join(dir, 'step-summary.md');
    await writeFile(summary, 'previous step\n');
    const reporter = new MarkdownReporter({ outputDir: dir }, { GITHUB_STEP_SUMMARY: summary });
    expect(await reporter.onRunEnd(sampleReport)).toEqual([join(dir, 'samlspec-summary.md'), summary]);
    expect(await readFile(join(dir, 'samlspec-summary.md'), 'utf8')).toBe(md);
    expect(await readFile(summary, 'utf8')).toBe(`previous step\n${md}\n`);

    const off = new MarkdownReporter(
      { outputDir: dir, stepSummaryFile: false },
      { GITHUB_STEP_SUMMARY: summary },
    );
    expect(await off.onRunEnd(sampleReport)).toEqual([join(dir, 'samlspec-summary.md')]);
  });
});
