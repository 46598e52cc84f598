/**
 * @module Pretty-prints XML into lines for reading and line-diffing. A start tag with several attributes
 * puts each on its own line, so a mutated attribute shows as one changed line rather than a changed
 * 300-character tag. Display only: the exact bytes sent stay in the JSON report.
 */
import { tokenizeXml, type XmlToken } from './xml-tokens.js';

const INDENT = '  ';
/** A start tag longer than this, with two or more attributes, is split one attribute per line. */
const SPLIT_AT = 90;

export function prettyXml(xml: string): string[] {
  const tokens = tokenizeXml(xml);
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as XmlToken;
    const pad = INDENT.repeat(depth);
    if (token.kind === 'open') {
      const inline = inlineElement(tokens, i);
      if (inline) {
        lines.push(...startTag(token.raw, pad, inline.rest));
        i += inline.consumed;
      } else {
        lines.push(...startTag(token.raw, pad, ''));
        if (!token.selfClosing) depth++;
      }
    } else if (token.kind === 'close') {
      depth = Math.max(0, depth - 1);
      lines.push(INDENT.repeat(depth) + token.raw);
    } else if (token.kind === 'other') {
      lines.push(...token.raw.split(/\r?\n/).map((line, n) => (n === 0 ? pad + line : line)));
    } else {
      for (const line of token.raw.split(/\r?\n/)) if (line.trim()) lines.push(pad + line.trim());
    }
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
