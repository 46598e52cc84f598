/**
 * samlspec report page, part 2: the evidence panels of one scenario. The response as sent, pretty-printed
 * and diffed against its baseline so the mutation stands out (raw bytes one click away); the AuthnRequest;
 * the SP's reply and the probe (status, redirects, headers, body excerpt); screenshots and other files.
 */
(() => {
  const { h, codeView, diffLines } = globalThis.samlspec;

  function kv(pairs) {
    const list = h('dl', { class: 'kv' });
    for (const [label, value] of pairs)
      if (value !== undefined && value !== '')
        list.append(h('div', null, h('dt', null, label), h('dd', null, value)));
    return list;
  }

  function switcher(options, initial) {
    const body = h('div');
    const buttons = options.map(([label, render], index) => {
      const button = h('button', { type: 'button', 'aria-pressed': String(index === initial) }, label);
      button.addEventListener('click', () => {
        buttons.forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
        body.replaceChildren(render());
      });
      return button;
    });
    body.append(options[initial][1]());
    return { control: h('div', { class: 'seg', role: 'group' }, buttons), body };
  }

  /** Text as it was sent; `cutNote` (from the view model) when the report only carries its start. */
  function raw(text, cutNote, cls = 'raw') {
    const pre = h('pre', { class: cls }, text);
    return cutNote ? h('div', null, h('p', { class: 'note cut' }, cutNote), pre) : pre;
  }

  function responsePanel(sent, maybeDiff, cut = {}) {
    const diff = maybeDiff || { omitted: 'No diff was computed for this response.' };
    const meta = kv([
      ['ACS URL', h('code', null, sent.acsUrl)],
      ['RelayState', sent.relayState === undefined ? undefined : h('code', null, sent.relayState)],
      [
        'Deliveries',
        sent.deliveries > 1
          ? `${sent.deliveries} (replay; the verdict is on the last)`
          : String(sent.deliveries),
      ],
    ]);
    if (diff.omitted)
      return h(
        'div',
        { class: 'panel' },
        meta,
        h('p', { class: 'note' }, diff.omitted),
        raw(sent.xml, cut.response),
      );
    const lines = diffLines(diff.lines);
    const changed = diff.added + diff.removed > 0;
    const view = switcher(
      [
        ['Changes', () => codeView(lines, true)],
        ['Full', () => codeView(lines, false)],
        ['Sent (raw)', () => raw(sent.xml, cut.response)],
        // The page's copy leaves out a baseline the diff holds (view-model.ts): shown pretty-printed from it.
        sent.baselineXml
          ? ['Baseline (raw)', () => raw(sent.baselineXml, cut.baseline)]
          : [
              'Baseline',
              () =>
                h(
                  'div',
                  null,
                  h('p', { class: 'note' }, 'Pretty-printed; its raw bytes are in samlspec-report.json.'),
                  codeView(
                    lines.filter((l) => l.op !== '+').map((l) => ({ op: ' ', text: l.text })),
                    false,
                  ),
                ),
            ],
      ],
      changed ? 0 : 1,
    );
    const note = changed
      ? `Pretty-printed; green lines were added to the baseline response, red lines removed (+${diff.added} −${diff.removed}).`
      : 'Identical to the baseline response once pretty-printed.';
    return h(
      'div',
      { class: 'panel' },
      meta,
      h('div', { class: 'panel-head' }, view.control, h('span', { class: 'note' }, note)),
      view.body,
    );
  }

  function requestPanel(request, lines, cutNote) {
    return h(
      'div',
      { class: 'panel' },
      kv([
        ['Binding', `HTTP-${request.binding === 'post' ? 'POST' : 'Redirect'}`],
        ['RelayState', request.relayState === undefined ? undefined : h('code', null, request.relayState)],
      ]),
      lines
        ? codeView(
            lines.map((text) => ({ op: ' ', text })),
            false,
          )
        : raw(request.xml, cutNote),
    );
  }

  function replyPanel(reply, cutNote) {
    const statusClass = `status s${String(reply.status).charAt(0)}`;
    const hops = reply.hops.map((hop, i) =>
      h(
        'tr',
        null,
        h('td', null, String(i + 1)),
        h('td', null, hop.method),
        h('td', null, hop.url),
        h('td', null, String(hop.status)),
        h('td', null, hop.location ?? ''),
      ),
    );
    const headers = Object.entries(reply.headers).map(([k, value]) =>
      h('tr', null, h('td', null, k), h('td', null, value)),
    );
    return h(
      'div',
      { class: 'panel' },
      kv([
        ['Status', h('span', { class: statusClass }, String(reply.status))],
        ['Final URL', h('code', null, reply.url)],
      ]),
      hops.length
        ? h(
            'table',
            { class: 'hops' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['#', 'Method', 'URL', 'Status', 'Location'].map((c) => h('th', null, c)),
              ),
            ),
            h('tbody', null, hops),
          )
        : null,
      headers.length
        ? h(
            'details',
            { class: 'headers' },
            h('summary', null, `Response headers (${headers.length})`),
            h('table', { class: 'hops' }, h('tbody', null, headers)),
          )
        : null,
      h('h4', null, 'Body excerpt'),
      raw(reply.bodyExcerpt || '(empty)', cutNote, 'body'),
    );
  }

  /** The view model percent-encodes each path segment; show the path as it was written. */
  const pathLabel = (href) => href.split('/').map(decodeURIComponent).join('/');

  function artifactsPanel(v) {
    const shots = v.images.map((src) =>
      h(
        'figure',
        null,
        h(
          'a',
          { href: src, target: '_blank', rel: 'noopener' },
          h('img', { src, alt: pathLabel(src), loading: 'lazy' }),
        ),
        h('figcaption', null, pathLabel(src)),
      ),
    );
    const files = v.files.map((href) =>
      h('li', null, h('a', { href, target: '_blank', rel: 'noopener' }, pathLabel(href))),
    );
    return h(
      'div',
      { class: 'panel' },
      shots.length ? h('div', { class: 'shots' }, shots) : null,
      files.length ? h('ul', { class: 'files' }, files) : null,
    );
  }

  /** `text` with every copy of `needle` (the reply check's marker) wrapped in <mark>. */
  function marked(text, needle) {
    if (!needle) return [text];
    const parts = text.split(needle);
    return parts.flatMap((part, i) => (i === 0 ? [part] : [h('mark', { class: 'hit' }, needle), part]));
  }

  /** A reply check: what was searched, and each place it was found (the harmful ones first). */
  function replyCheckPanel(check) {
    const rows = [...check.findings]
      .sort((a, b) => Number(b.harmful) - Number(a.harmful))
      .map((f) =>
        h(
          'tr',
          { class: f.harmful ? 'harmful' : null },
          h('td', null, f.harmful ? 'finding' : 'seen'),
          h('td', null, f.where),
          h('td', null, f.url),
          h('td', null, h('pre', { class: 'body' }, marked(f.excerpt, check.needle))),
        ),
      );
    return h(
      'div',
      { class: 'panel' },
      kv([
        ['Check', h('code', null, check.check)],
        ['Marker', check.needle ? h('code', null, check.needle) : undefined],
        ['Pages searched', String(check.pagesSeen)],
        ['Note', check.note],
      ]),
      rows.length
        ? h(
            'table',
            { class: 'hops reply-check' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['', 'Where', 'URL', 'Excerpt'].map((c) => h('th', null, c)),
              ),
            ),
            h('tbody', null, rows),
          )
        : h('p', { class: 'note' }, 'Nothing found in the pages searched.'),
    );
  }

  Object.assign(globalThis.samlspec, {
    responsePanel,
    requestPanel,
    replyPanel,
    artifactsPanel,
    replyCheckPanel,
  });
})();
