/**
 * samlspec report page, part 3: one scenario's detail, built when its row is first opened (a few
 * hundred closed rows cost almost nothing). What was tested and why, expected vs actual, the oracle's
 * reading, then the evidence in tabs.
 */
(() => {
  const { h, responsePanel, requestPanel, replyPanel, artifactsPanel } = globalThis.samlspec;
  const EXPECT = {
    accept: 'sign the baseline user in',
    reject: 'create no session',
    'no-victim-session': 'never sign the victim in',
  };
  function what(r, v) {
    const refs = v.refs.map((ref) =>
      h(
        'li',
        null,
        ref.href
          ? h('a', { href: ref.href, target: '_blank', rel: 'noopener noreferrer' }, ref.label)
          : ref.label,
      ),
    );
    const quotes = v.refs
      .filter((ref) => ref.quote)
      .map((ref) => h('p', { class: 'quote' }, `“${ref.quote}” (${ref.label})`));
    return h(
      'section',
      null,
      h('h4', null, `Requirement · ${r.level.toUpperCase()} · the SP must ${EXPECT[r.expect] || r.expect}`),
      h('blockquote', { class: 'requirement' }, r.requirement),
      h('h4', null, 'References'),
      h('ul', { class: 'refs' }, refs),
      quotes,
      r.tags.length
        ? [
            h('h4', null, 'Tags'),
            h(
              'div',
              { class: 'tags' },
              r.tags.map((t) => h('span', null, `#${t}`)),
            ),
          ]
        : null,
    );
  }

  function outcome(r) {
    const verdict = r.verdict;
    return h(
      'section',
      null,
      h(
        'div',
        { class: 'ea' },
        h(
          'div',
          null,
          h('h4', null, 'Expected'),
          r.expected.length
            ? h(
                'ul',
                null,
                r.expected.map((e) => h('li', null, e)),
              )
            : h('p', null, '—'),
        ),
        h('div', null, h('h4', null, 'Actual'), h('p', null, r.actual)),
      ),
      verdict
        ? h(
            'p',
            { class: 'oracle' },
            'Oracle: login ',
            h('b', null, verdict.login),
            verdict.identity ? [' as ', h('b', null, verdict.identity)] : null,
            ` because ${verdict.because}`,
          )
        : null,
      r.error
        ? h('div', { class: 'harness-error' }, h('b', null, r.error.code), ': ', r.error.message)
        : null,
    );
  }

  /** Toggle buttons choosing one of several renderings; each is built on first use. */
  function tabs(defs) {
    const panel = h('div');
    const buttons = defs.map((def, index) => {
      const button = h(
        'button',
        { type: 'button', role: 'tab', 'aria-selected': String(index === 0) },
        def.label,
        def.stat || null,
      );
      button.addEventListener('click', () => {
        buttons.forEach((b) => b.setAttribute('aria-selected', String(b === button)));
        panel.replaceChildren(def.render());
      });
      return button;
    });
    if (defs.length) panel.append(defs[0].render());
    return [h('nav', { class: 'tabs', role: 'tablist' }, buttons), panel];
  }

  function renderDetail(r, v) {
    const e = r.evidence;
    const cut = v.cut || {};
    const defs = [];
    if (e.responseSent) {
      const d = v.response;
      const stat =
        d && !d.omitted
          ? h(
              'span',
              { class: 'stat' },
              h('span', { class: 'plus' }, `+${d.added}`),
              ' ',
              h('span', { class: 'minus' }, `−${d.removed}`),
            )
          : null;
      defs.push({ label: 'Response sent', stat, render: () => responsePanel(e.responseSent, d, cut) });
    }
    if (e.spReply)
      defs.push({
        label: 'SP reply',
        stat: h('span', { class: 'stat' }, String(e.spReply.status)),
        render: () => replyPanel(e.spReply, cut.spReply),
      });
    if (e.probe)
      defs.push({
        label: 'Probe',
        stat: h('span', { class: 'stat' }, String(e.probe.status)),
        render: () => replyPanel(e.probe, cut.probe),
      });
    if (e.authnRequest)
      defs.push({
        label: 'AuthnRequest',
        render: () => requestPanel(e.authnRequest, v.authnRequest, cut.authnRequest),
      });
    if (v.images.length + v.files.length)
      defs.push({
        label: 'Artifacts',
        stat: h('span', { class: 'stat' }, String(v.images.length + v.files.length)),
        render: () => artifactsPanel(v),
      });
    return h(
      'div',
      { class: 'detail' },
      h('div', { class: 'facts' }, what(r, v), outcome(r)),
      defs.length ? tabs(defs) : h('p', { class: 'note' }, 'No evidence was recorded for this scenario.'),
    );
  }

  globalThis.samlspec.renderDetail = renderDetail;
})();
