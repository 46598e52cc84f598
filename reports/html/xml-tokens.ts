/**
 * @module A forgiving XML tokenizer for display only. The response a scenario sends may be malformed on
 * purpose (unclosed tags, stray `<`, broken quotes), so nothing here throws: whatever cannot be read as
 * markup is kept as text, and every input character ends up in exactly one token.
 */

export type XmlToken =
  | { kind: 'open'; raw: string; name: string; selfClosing: boolean }
  | { kind: 'close'; raw: string }
  /** Comments, processing instructions, CDATA, DOCTYPE: shown as they are, on their own line. */
  | { kind: 'other'; raw: string }
  | { kind: 'text'; raw: string };

const NAME_START = /[A-Za-z_:]/;

export function tokenizeXml(xml: string): XmlToken[] {
  const tokens: XmlToken[] = [];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) {
      push(tokens, { kind: 'text', raw: xml.slice(i) });
      break;
    }
    if (lt > i) push(tokens, { kind: 'text', raw: xml.slice(i, lt) });
    const token = markupAt(xml, lt);
    push(tokens, token);
    i = lt + token.raw.length;
  }
  return tokens;
}

/** Adjacent text (a stray `<` between two runs of text) is one token, so it lays out as one line. */
function push(tokens: XmlToken[], token: XmlToken): void {
  const last = tokens[tokens.length - 1];
  if (token.kind === 'text' && last?.kind === 'text') last.raw += token.raw;
  else tokens.push(token);
}

function markupAt(xml: string, at: number): XmlToken {
  const delimited = (close: string): XmlToken => {
    const end = xml.indexOf(close, at + 2);
    return { kind: 'other', raw: xml.slice(at, end === -1 ? xml.length : end + close.length) };
  };
  if (xml.startsWith('<!--', at)) return delimited('-->');
  if (xml.startsWith('<![CDATA[', at)) return delimited(']]>');
  if (xml.startsWith('<?', at)) return delimited('?>');
  if (xml.startsWith('<!', at)) return { kind: 'other', raw: xml.slice(at, declarationEnd(xml, at)) };
  if (xml.startsWith('</', at)) {
    const end = xml.indexOf('>', at);
    return end === -1 ? { kind: 'text', raw: xml.slice(at) } : { kind: 'close', raw: xml.slice(at, end + 1) };
  }
  if (!NAME_START.test(xml.charAt(at + 1))) return { kind: 'text', raw: '<' };
  const end = tagEnd(xml, at);
  if (end < 0) return { kind: 'text', raw: xml.slice(at, -end) };
  const raw = xml.slice(at, end + 1);
  const name = /^<([^\s/>]+)/.exec(raw)?.[1] ?? '';
  return { kind: 'open', raw, name, selfClosing: raw.endsWith('/>') };
}

/**
 * The index of the `>` closing a start tag, skipping quoted values; with an unclosed quote, the first `>`
 * after the `<`. When it is no tag, minus the index where its text ends: where another tag starts, or the
 * end of the input.
 */
function tagEnd(xml: string, at: number): number {
  let quote = '';
  for (let i = at + 1; i < xml.length; i++) {
    const c = xml.charAt(i);
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i;
    } else if (c === '<') {
      // Another tag starts before this one ended: this one is text, the next gets its own chance.
      return -i;
    }
  }
  const gt = quote ? xml.indexOf('>', at) : -1;
  return gt === -1 ? -xml.length : gt;
}

/** The end of `<!DOCTYPE … [ internal subset ]>`: brackets nest, quotes are skipped. */
function declarationEnd(xml: string, at: number): number {
  let depth = 0;
  let quote = '';
  for (let i = at + 2; i < xml.length; i++) {
    const c = xml.charAt(i);
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '>' && depth === 0) return i + 1;
  }
  return xml.length;
}
