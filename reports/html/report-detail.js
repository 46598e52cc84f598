/**
 * samlspec report page, part 3: one scenario's detail, built when its row is first opened (a few
 * hundred closed rows cost almost nothing). What was tested and why, and the fix; expected vs actual,
 * the oracle's reading and each attack variant tried; then the evidence in tabs (also used for the
 * calibration attempts in the header).
 */
(() => {
  const { h, responsePanel, requestPanel, replyPanel, artifactsPanel, replyCheckPanel } = globalThis.samlspec;
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
      r.fix
        ? [
            // For a finding the fix is the remedy; otherwise it says what a conforming SP does.
            h('h4', null, v.finding ? 'Fix' : 'How an SP passes'),
            h('p', { class: v.finding ? 'fix finding' : 'fix' }, r.fix),
          ]
        : null,
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

  /** Each attack variant tried, the one that got through marked. */
  function variants(r, outcomes) {
    if (!r.variants || r.variants.length === 0) return null;
    const rows = r.variants.map((variant) =>
      h(
        'tr',
        { class: variant.name === r.variant ? 'through' : null },
        h('td', null, variant.name),
        h(
          'td',
          null,
          h(
            'span',
            { class: `o-${variant.outcome} mini-badge` },
            outcomes[variant.outcome]?.label ?? variant.outcome,
          ),
        ),
        h('td', null, variant.actual),
      ),
    );
    return [
      h('h4', { class: 'variants-head' }, `Variants (${r.variants.length})`),
      h(
        'table',
        { class: 'hops variants' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Variant', 'Outcome', 'Actual'].map((c) => h('th', null, c)),
          ),
        ),
        h('tbody', null, rows),
      ),
    ];
  }

  function outcome(r, view) {
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
      r.outcome === 'inconclusive'
        ? h('p', { class: 'note inconclusive-note' }, view.outcomes.inconclusive.legend)
        : null,
      r.notRun === 'sp-down'
        ? h('p', { class: 'note' }, 'Not run: the SP had stopped answering (see the header).')
        : null,
      r.signingOption
        ? h(
            'p',
            { class: 'oracle' },
            'Signing option: ',
            h('b', null, view.signingOptions[r.signingOption] ?? r.signingOption),
          )
        : null,
      r.variant
        ? h('p', { class: 'oracle' }, 'Got through with the variant ', h('b', null, r.variant))
        : null,
      variants(r, view.outcomes),
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

  /** The evidence tabs of a result or a calibration attempt; `v` is its evidence view. */
  function renderEvidence(e, v) {
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
    if (e.replyCheck) {
      const harmful = e.replyCheck.findings.filter((f) => f.harmful).length;
      const def = {
        label: 'Reply check',
        stat: h('span', { class: 'stat' }, String(harmful)),
        render: () => replyCheckPanel(e.replyCheck),
      };
      // A finding's excerpt is the evidence: open on it.
      if (harmful > 0) defs.unshift(def);
      else defs.push(def);
    }
    if (v.images.length + v.files.length)
      defs.push({
        label: 'Artifacts',
        stat: h('span', { class: 'stat' }, String(v.images.length + v.files.length)),
        render: () => artifactsPanel(v),
      });
    return defs.length ? tabs(defs) : h('p', { class: 'note' }, 'No evidence was recorded.');
  }

  function renderDetail(r, v, view) {
    return h(
      'div',
      { class: 'detail' },
      h('div', { class: 'facts' }, what(r, v), outcome(r, view)),
      renderEvidence(r.evidence, v),
    );
  }

  Object.assign(globalThis.samlspec, { renderDetail, renderEvidence });
})();
