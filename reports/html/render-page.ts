/**
 * @module Fills the HTML template: the page's CSS and script inlined (so the report is one file that
 * works offline from file://), the RunReport (its huge evidence cut to excerpts) and its view model
 * embedded as JSON data blocks. Reporter code builds no HTML from data; the page renders everything with
 * DOM text nodes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ReporterConfigError } from '../errors.js';
import type { RunReport } from '../types.js';
import { buildView, displayReport } from './view-model.js';

export interface PageAssets {
  template: string;
  css: string;
  script: string;
}

const TEMPLATE = 'template.html';
// Style sheets mirror the script parts; base first (tokens, colours), the rest in page order.
const STYLES = [
  'report-base.css',
  'report-overview.css',
  'report-results.css',
  'report-detail.css',
  'report-evidence.css',
];
// Concatenated in this order into one script; each part registers on `globalThis.samlspec` for the next.
const SCRIPTS = [
  'report-dom.js',
  'report-evidence.js',
  'report-detail.js',
  'report-overview.js',
  'report.js',
];

// Beside this module when run from source; from dist/reports/html/ the build leaves the assets in the
// source tree, three levels up; from the CLI's bundle (dist/cli/, runner/build/bundle-cli.ts), two.
const CANDIDATES = [
  new URL('./', import.meta.url),
  new URL('../../../reports/html/', import.meta.url),
  new URL('../../reports/html/', import.meta.url),
];

/** Read the template, CSS and script once; a missing file is a configuration error, found before the run. */
export function loadAssets(dirs: readonly URL[] = CANDIDATES): PageAssets {
  for (const dir of dirs) {
    try {
      const read = (name: string): string => readFileSync(new URL(name, dir), 'utf8');
      return {
        template: read(TEMPLATE),
        css: STYLES.map(read).join('\n'),
        script: SCRIPTS.map(read).join('\n'),
      };
    } catch {
      // Try the next place.
    }
  }
  const looked = dirs.map((d) => fileURLToPath(d)).join(', ');
  throw new ReporterConfigError('TEMPLATE_NOT_FOUND', `HTML report template not found (looked in ${looked})`);
}

/**
 * JSON that is safe inside a <script> data block: `<`, `>` and `&` only ever occur inside JSON strings,
 * where `\u003c` means the same thing, so `</script>` and `<!--` cannot appear in the output at all.
 * U+2028/2029 are escaped too, for any consumer that evaluates the block as JavaScript.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function renderHtml(report: RunReport, assets: PageAssets): string {
  if (/<\/script|<!--/i.test(assets.script))
    throw new Error('the report scripts must not contain </script or <!--');
  if (/<\/style/i.test(assets.css)) throw new Error('the report style sheets must not contain </style');
  // The Content-Security-Policy allows exactly this script: anything injected despite the escaping
  // would still not run.
  const view = buildView(report);
  const scriptHash = `sha256-${createHash('sha256').update(assets.script, 'utf8').digest('base64')}`;
  const values: Record<string, string> = {
    STYLES: assets.css,
    SCRIPT: assets.script,
    SCRIPT_HASH: scriptHash,
    // Evidence beyond the display limits is cut in the embedded copy; the JSON report has all of it.
    REPORT_JSON: embedJson(displayReport(report, view)),
    VIEW_JSON: embedJson(view),
  };
  // One pass with a function replacer: inserted text is never rescanned for markers, and `$&`-style
  // patterns in the data are not interpreted.
  // The template's own comments are notes for its maintainers, not part of the report.
  const template = assets.template.replace(/<!--[\s\S]*?-->\s*/g, '');
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (marker, key: string) => values[key] ?? marker);
}
