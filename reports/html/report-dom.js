/* global document, Node */
/**
 * samlspec report page, part 1: DOM helpers. Every piece of report data reaches the page as a text node
 * or a checked attribute, never as markup, so SP replies and hostile XML cannot inject anything.
 */
(() => {
  const SVG_NS = 'http://www.w3.org/2000/svg';

  /** Only http(s) links and relative paths (artifacts beside the report); no javascript:, data: or //host. */
  function safeUrl(url) {
    const text = String(url);
    if (/^https?:\/\//i.test(text)) return text;
    if (/^[a-z][a-z\d+.-]*:/i.test(text) || text.startsWith('//') || text.startsWith('\\')) return undefined;
    return text;
  }

  // Control characters an SP put in its reply would render as nothing or as tofu; show them as `\x1b`
  // escapes so the reader sees they are there (fonts rarely carry the Unicode control pictures).
  // eslint-disable-next-line no-control-regex
  const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
  const visible = (text) =>
    text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

  function append(parent, children) {
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      parent.append(child instanceof Node ? child : document.createTextNode(visible(String(child))));
    }
    return parent;
  }

  function setProps(el, props) {
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') el.setAttribute('class', value);
      else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else if (key === 'href' || key === 'src') {
        const url = safeUrl(value);
        if (url !== undefined) el.setAttribute(key, url);
      } else el.setAttribute(key, value === true ? '' : String(value));
    }
    return el;
  }

  /** h('a', { href, class }, 'text', child…): an element with text children as text nodes. */
  function h(tag, props, ...children) {
    return append(setProps(document.createElement(tag), props), children);
  }

  function svg(tag, props, ...children) {
    return append(setProps(document.createElementNS(SVG_NS, tag), props), children);
  }

  function formatDuration(ms) {
    if (ms < 1000) return `${Math.round(ms)} ms`;
    if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
    const s = Math.round(ms / 1000);
    return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  }

  // Comments, tag openers, name="value" pairs and tag closers; everything else is plain text. (`-{2}`
  // because the script is inlined in the page, where a literal comment opener is not allowed.)
  const XML_TOKEN = /(<!-{2}.*?(?:-{2}>|$))|(<\/?[^\s/>]*)|([^\s="'<>/]+)(=)("[^"]*"?|'[^']*'?)|(\/?>)/g;

  /** One line of pretty-printed XML as coloured spans (text nodes inside, so nothing is parsed as HTML). */
  function highlightXml(line) {
    const out = document.createDocumentFragment();
    let last = 0;
    for (const m of line.matchAll(XML_TOKEN)) {
      if (m.index > last) append(out, [line.slice(last, m.index)]);
      if (m[1]) out.append(h('span', { class: 'x-com' }, m[1]));
      else if (m[2]) out.append(h('span', { class: 'x-tag' }, m[2]));
      else if (m[3])
        append(out, [h('span', { class: 'x-attr' }, m[3]), m[4], h('span', { class: 'x-val' }, m[5])]);
      else out.append(h('span', { class: 'x-tag' }, m[6]));
      last = m.index + m[0].length;
    }
    if (last < line.length) append(out, [line.slice(last)]);
    return out;
  }

  const LONG = 240;
  const CONTEXT = 3;

  /** A long unchanged line (a certificate, a signature) shows its start and expands on click. */
  function lineSource(text, changed) {
    const src = h('span', { class: 'src' });
    if (changed || text.length <= LONG) return append(src, [highlightXml(text)]);
    const more = h('button', { class: 'more', type: 'button' }, `… +${text.length - LONG / 2} chars`);
    more.addEventListener('click', () => src.replaceChildren(highlightXml(text)));
    return append(src, [highlightXml(text.slice(0, LONG / 2)), more]);
  }

  function lineRow(line) {
    const cls = line.op === '+' ? 'ln add' : line.op === '-' ? 'ln del' : 'ln';
    const sign = line.op === ' ' ? '' : line.op === '-' ? '−' : '+';
    return h(
      'div',
      { class: cls },
      h('span', { class: 'num' }, line.num ?? ''),
      h('span', { class: 'op' }, sign),
      lineSource(line.text, line.op !== ' '),
    );
  }

  /**
   * Lines as {op, text}. With `changesOnly`, unchanged runs more than CONTEXT lines away from a change fold
   * into a button that unfolds them. Line numbers are those of the document as sent.
   */
  function codeView(lines, changesOnly) {
    let sent = 0;
    const numbered = lines.map((l) => (l.op === '-' ? { ...l } : { ...l, num: ++sent }));
    const keep = numbered.map(() => !changesOnly);
    numbered.forEach((l, i) => {
      if (l.op === ' ') return;
      for (let j = Math.max(0, i - CONTEXT); j <= Math.min(numbered.length - 1, i + CONTEXT); j++)
        keep[j] = true;
    });
    if (!keep.includes(true)) keep.fill(true);
    const box = h('div', { class: 'code' });
    for (let i = 0; i < numbered.length;) {
      if (keep[i]) {
        box.append(lineRow(numbered[i++]));
        continue;
      }
      const start = i;
      while (i < numbered.length && !keep[i]) i++;
      const hidden = numbered.slice(start, i);
      const gap = h(
        'button',
        { class: 'gap-row', type: 'button' },
        `⋯ ${hidden.length} unchanged line${hidden.length === 1 ? '' : 's'}`,
      );
      gap.addEventListener('click', () => gap.replaceWith(...hidden.map(lineRow)));
      box.append(gap);
    }
    return box;
  }

  /** Decode the compact diff lines of the view model: first character is the op. */
  function diffLines(encoded) {
    return encoded.map((s) => ({ op: s.charAt(0), text: s.slice(1) }));
  }

  globalThis.samlspec = { h, svg, safeUrl, formatDuration, codeView, diffLines };
})();
