/**
 * @module The HTML report: one self-contained file (template + the RunReport embedded as JSON, as
 * Playwright does) that a person would rather read than the JSON: filters, search, the mutation
 * highlighted in the response, the SP's reply. Artifact paths are relative, so write it into the
 * directory the artifacts are relative to. Its size is bounded whatever the evidence: huge attack
 * payloads and SP replies are embedded as excerpts (view-model.ts), and only responses small enough to
 * read are pretty-printed and diffed (xml-diff.ts); the JSON report keeps every byte.
 */
import { DEFAULT_EVIDENCE_POLICY, leanReport, type EvidencePolicy } from './lean-report.js';
import { loadAssets, renderHtml, type PageAssets } from './html/render-page.js';
import { outputPath, writeReportFile, type FileReporterOptions } from './output-file.js';
import type { Reporter, RunReport } from './types.js';

export const HTML_REPORT_FILE = 'samlspec-report.html';

export interface HtmlReporterOptions extends FileReporterOptions {
  /** The same policy as the JSON report's, so the page shows what the JSON holds. */
  evidence?: EvidencePolicy;
}

export class HtmlReporter implements Reporter {
  readonly name = 'html';
  readonly #path: string;
  readonly #assets: PageAssets;
  readonly #evidence: EvidencePolicy;

  /** Loads the template now, so a broken install fails before the run rather than after it. */
  constructor(options: HtmlReporterOptions, assets: PageAssets = loadAssets()) {
    this.#path = outputPath(options, HTML_REPORT_FILE);
    this.#assets = assets;
    this.#evidence = options.evidence ?? DEFAULT_EVIDENCE_POLICY;
  }

  async onRunEnd(report: RunReport): Promise<string[]> {
    return [await writeReportFile(this.#path, renderHtml(leanReport(report, this.#evidence), this.#assets))];
  }
}
