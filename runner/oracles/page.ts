/** @module A page the SP answered during one flow, as the body oracles read it (full body when the target keeps it). */

export interface SeenPage {
  url: string;
  status: number;
  /** The Content-Type header, lower-cased ('' when absent). */
  contentType: string;
  /** The Location header of a redirect. */
  location?: string | undefined;
  body: string;
}

/** Whether a browser renders this body as HTML: text/html, XHTML, or no Content-Type at all (sniffed). */
export function rendersAsHtml(page: Pick<SeenPage, 'contentType'>): boolean {
  const type = page.contentType.split(';', 1)[0]!.trim();
  return type === '' || type === 'text/html' || type === 'application/xhtml+xml';
}

/** `excerptAround` keeps this many characters each side of a match as evidence. */
export const EXCERPT_RADIUS = 80;

export function excerptAround(text: string, index: number, length: number): string {
  const from = Math.max(0, index - EXCERPT_RADIUS);
  const to = Math.min(text.length, index + length + EXCERPT_RADIUS);
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}
