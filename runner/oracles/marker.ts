/**
 * @module The reflection oracle (docs/attacks.md APP-04, CWE-79): a unique marker that breaks out of an
 * HTML attribute and opens a tag, and where it came back. Only the marker's raw form in a page a browser
 * renders as HTML is a finding; escaped (`&quot;&gt;&lt;svg`), percent-encoded, in JSON or in a Location
 * header it is recorded as seen but harmless. The random token finds every copy, whatever the encoding.
 */
import { randomBytes } from 'node:crypto';
import { excerptAround, rendersAsHtml, type SeenPage } from './page.js';

/** The part that breaks out of a quoted attribute and opens an element. */
export const MARKER_BREAKOUT = `"'><svg/onload=`;

export interface Marker {
  /** What is sent: a same-origin-looking path, then the breakout, then the token. */
  value: string;
  /** Unique per delivery: letters and digits only, so no encoding changes it. */
  token: string;
}

export function newMarker(): Marker {
  const token = `samlspec${randomBytes(6).toString('hex')}`;
  return { value: `/x${MARKER_BREAKOUT}${token}>`, token };
}

/**
 * `html-attribute` / `html-text`: raw, inside a tag or between tags of an HTML page (the finding).
 * `escaped`: the token without the raw breakout before it. `non-html`: raw in a body no browser
 * renders as HTML (JSON, text/plain). `location`: in a redirect's Location header. `redirect-body`: raw
 * in the body of a redirect, which browsers follow without rendering.
 */
export type MarkerContext =
  'html-attribute' | 'html-text' | 'escaped' | 'non-html' | 'location' | 'redirect-body';

export interface MarkerSighting {
  url: string;
  context: MarkerContext;
  excerpt: string;
}

export function isUnescaped(s: MarkerSighting): boolean {
  return s.context === 'html-attribute' || s.context === 'html-text';
}

export function findMarker(pages: readonly SeenPage[], marker: Marker): MarkerSighting[] {
  const found: MarkerSighting[] = [];
  for (const page of pages) {
    if (page.location?.includes(marker.token))
      found.push({ url: page.url, context: 'location', excerpt: page.location.slice(0, 300) });
    let at = page.body.indexOf(marker.token);
    while (at >= 0) {
      found.push({
        url: page.url,
        context: contextAt(page, at),
        excerpt: excerptAround(page.body, at, marker.token.length),
      });
      at = page.body.indexOf(marker.token, at + marker.token.length);
    }
  }
  return found;
}

function contextAt(page: SeenPage, at: number): MarkerContext {
  const start = at - MARKER_BREAKOUT.length;
  if (start < 0 || page.body.slice(start, at) !== MARKER_BREAKOUT) return 'escaped';
  if (!rendersAsHtml(page)) return 'non-html';
  if (page.status >= 300 && page.status < 400 && page.location) return 'redirect-body';
  // Inside a tag when the last '<' before the breakout comes after the last '>'.
  const before = page.body.slice(0, start);
  return before.lastIndexOf('<') > before.lastIndexOf('>') ? 'html-attribute' : 'html-text';
}
