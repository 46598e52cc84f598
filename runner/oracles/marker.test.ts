import { describe, expect, it } from 'vitest';
import { findMarker, isUnescaped, newMarker, type MarkerContext } from './marker.js';
import type { SeenPage } from './page.js';

const marker = newMarker();
const page = (body: string, extra: Partial<SeenPage> = {}): SeenPage => ({
  url: 'http://sp.test/x',
  status: 200,
  contentType: 'text/html; charset=utf-8',
  body,
  ...extra,
});
const contexts = (pages: SeenPage[]): MarkerContext[] => findMarker(pages, marker).map((s) => s.context);
const escapeHtml = (v: string): string => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

describe('findMarker', () => {
  it('makes a unique marker of letters and digits behind the breakout', () => {
    const other = newMarker();
    expect(other.token).not.toBe(marker.token);
    expect(marker.token).toMatch(/^[a-z0-9]+$/);
    expect(Buffer.byteLength(marker.value)).toBeLessThanOrEqual(80);
  });

  it('finds the raw marker inside a tag (attribute context)', () => {
    expect(contexts([page(`<a href="${marker.value}">back</a>`)])).toEqual(['html-attribute']);
  });

  it('finds the raw marker between tags (text context)', () => {
    expect(contexts([page(`<p>Welcome, ${marker.value}</p>`)])).toEqual(['html-text']);
  });

  it('reads the HTML-escaped marker as escaped, in text and attribute alike', () => {
    const escaped = escapeHtml(marker.value);
    const found = findMarker([page(`<p>${escaped}</p><a title="${escaped}">x</a>`)], marker);
    expect(found.map((s) => s.context)).toEqual(['escaped', 'escaped']);
    expect(found.some(isUnescaped)).toBe(false);
  });

  it('reads the percent-encoded marker as escaped', () => {
    expect(contexts([page(`<a href="/next?to=${encodeURIComponent(marker.value)}">go</a>`)])).toEqual([
      'escaped',
    ]);
  });

  it('does not count a raw marker in JSON or in a page with no HTML content type as HTML', () => {
    const json = page(JSON.stringify({ name: marker.value }), { contentType: 'application/json' });
    expect(contexts([json])).toEqual(['non-html']);
    const sniffed = page(`<p>${marker.value}</p>`, { contentType: '' });
    expect(contexts([sniffed])).toEqual(['html-text']);
  });

  it('records a Location header and a redirect body without counting them as reflection', () => {
    const redirect = page(`<p>Redirecting to ${marker.value}</p>`, {
      status: 302,
      location: marker.value,
    });
    const found = findMarker([redirect], marker);
    expect(found.map((s) => s.context)).toEqual(['location', 'redirect-body']);
    expect(found.some(isUnescaped)).toBe(false);
  });

  it('keeps an excerpt around each sighting and finds every copy', () => {
    const filler = 'x'.repeat(500);
    const found = findMarker(
      [page(`${filler}<b>${marker.value}</b>${filler}<i>${marker.value}</i>`)],
      marker,
    );
    expect(found).toHaveLength(2);
    for (const s of found) {
      expect(s.excerpt).toContain(marker.token);
      expect(s.excerpt.length).toBeLessThan(300);
    }
  });

  it('finds nothing where the marker is absent', () => {
    expect(findMarker([page('<p>hello</p>')], marker)).toEqual([]);
  });
});
