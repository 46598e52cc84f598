/**
 * @module Pretty-prints XML into lines for reading and line-diffing. A start tag with several attributes
 * puts each on its own line, so a mutated attribute shows as one changed line rather than a changed
 * 300-character tag. Display only: the exact bytes sent stay in the JSON report.
 */
import { tokenizeXml, type XmlToken } from './xml-tokens.js';

const INDENT = '  ';
/** A start tag longer than this, with two or more attributes, is split one attribute per line. */
const SPLIT_AT = 90;
/**
 * Indentation stops growing at this depth. A SAML response nests about ten deep; an attack nesting 10 000
 * elements would otherwise spend most of its output on spaces (20 000 lines of up to 20 000 of them).
 */
export const MAX_INDENT_DEPTH = 32;

/** The document as lines; with `maxLines`, undefined as soon as it would take more than that. */
export function prettyXml(xml: string): string[];
export function prettyXml(xml: string, maxLines: number): string[] | undefined;
export function prettyXml(xml: string, maxLines = Infinity): string[] | undefined {
  const tokens = tokenizeXml(xml);
  const lines: string[] = [];
  const emit = (more: readonly string[]): boolean => {
    for (const line of more) lines.push(line);
    return lines.length <= maxLines;
  };
  const indent = (depth: number): string => INDENT.repeat(Math.min(depth, MAX_INDENT_DEPTH));
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as XmlToken;
    const pad = indent(depth);
    let fits: boolean;
    if (token.kind === 'open') {
      const inline = inlineElement(tokens, i);
      if (inline) {
        fits = emit(startTag(token.raw, pad, inline.rest));
        i += inline.consumed;
      } else {
        fits = emit(startTag(token.raw, pad, ''));
        if (!token.selfClosing) depth++;
      }
    } else if (token.kind === 'close') {
      depth = Math.max(0, depth - 1);
      fits = emit([indent(depth) + token.raw]);
    } else if (token.kind === 'other') {
      fits = emit(token.raw.split(/\r?\n/).map((line, n) => (n === 0 ? pad + line : line)));
    } else {
      fits = emit(
        token.raw
          .split(/\r?\n/)
          .filter((line) => line.trim())
          .map((line) => pad + line.trim()),
      );
    }
    if (!fits) return undefined;
  }
  return lines;
}

/**
 * `<a>text</a>` and `<a></a>` stay on one line. Returns what follows the start tag on that line and how
 * many extra tokens it used, or undefined when the element has other content.
 */
function inlineElement(tokens: XmlToken[], i: number): { rest: string; consumed: number } | undefined {
  const open = tokens[i];
  if (open?.kind !== 'open' || open.selfClosing) return undefined;
  const next = tokens[i + 1];
  if (next?.kind === 'close') return { rest: next.raw, consumed: 1 };
  const after = tokens[i + 2];
  if (next?.kind === 'text' && after?.kind === 'close' && !/[\r\n]/.test(next.raw.trim())) {
    return { rest: next.raw + after.raw, consumed: 2 };
  }
  return undefined;
}

// `name="value"`, `name='value'`, `name=value` (malformed but seen) or a bare `name`.
const ATTRIBUTE = /\s+([^\s=/>"']+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?/y;

function startTag(raw: string, pad: string, rest: string): string[] {
  const single = [pad + raw + rest];
  if (raw.length <= SPLIT_AT) return single;
  const name = /^<[^\s/>]+/.exec(raw)?.[0];
  if (!name) return single;
  const attributes: string[] = [];
  const pattern = new RegExp(ATTRIBUTE); // its own lastIndex
  let pos = (pattern.lastIndex = name.length);
  for (let m = pattern.exec(raw); m; m = pattern.exec(raw)) {
    attributes.push(m[0].trim());
    pos = pattern.lastIndex;
  }
  const end = raw.slice(pos);
  // Split only when the attributes account for the whole tag; a broken tag stays as it was sent.
  if (attributes.length < 2 || !/^\s*\/?>$/.test(end)) return single;
  const inner = pad + INDENT + INDENT;
  return [
    pad + name,
    ...attributes.map((a, n) => inner + a + (n === attributes.length - 1 ? end.trim() + rest : '')),
  ];
}
