/* global document, location, history, setTimeout, clearTimeout, URLSearchParams */
/**
 * samlspec report page, part 5: the page itself. Reads the embedded RunReport and its view model,
 * renders the overview and the result list, and filters the list by outcome, level, flow, tag and free
 * text (every word must match). The filter state lives in the URL hash, so a link reopens the same view;
 * `#open=<id>@<flow>` opens one scenario.
 */
(() => {
  const { h, formatDuration, renderDetail, renderOverview } = globalThis.samlspec;
  const readJson = (id) => JSON.parse(document.getElementById(id).textContent);
  const report = readJson('samlspec-report');
  const view = readJson('samlspec-view');
  // Each result names its reference links by index into one table (they recur across results).
  for (const v of view.results) v.refs = v.refs.map((i) => view.refTable[i]);
  const OUTCOMES = view.outcomes;
  const ORDER = view.outcomeOrder;
  const rank = (o) => ORDER.indexOf(o);
  const $ = (id) => document.getElementById(id);

  const items = report.results.map((r, index) => ({
    r,
    v: view.results[index],
    index,
    key: `${r.id}@${r.flow}`,
    haystack: [
      r.id,
      r.title,
      r.requirement,
      r.actual,
      r.expected.join(' '),
      r.tags.join(' '),
      r.flow,
      r.level,
      r.outcome,
      r.fix || '',
      r.variant || '',
    ]
      .concat(
        (r.variants || []).map((v) => v.name),
        r.notRun ? ['not run', 'sp down'] : [],
      )
      .concat(
        view.results[index].refs.map((ref) => ref.label),
        r.error ? [r.error.code, r.error.message] : [],
      )
      .concat(
        r.evidence.spReply ? [r.evidence.spReply.url, r.evidence.spReply.bodyExcerpt.slice(0, 4000)] : [],
      )
      .join('\n')
      .toLowerCase(),
  }));
  const counts = Object.fromEntries(ORDER.map((o) => [o, items.filter((i) => i.r.outcome === o).length]));

  // ---- state <-> URL hash ----
  const state = { q: '', outcomes: new Set(), level: '', flow: '', tag: '', sort: 'severity' };
  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    state.q = p.get('q') || '';
    state.outcomes = new Set((p.get('outcome') || '').split(',').filter((o) => ORDER.includes(o)));
    state.level = p.get('level') || '';
    state.flow = p.get('flow') || '';
    state.tag = p.get('tag') || '';
    state.sort = p.get('sort') || 'severity';
    return p.get('open');
  }
  function writeHash(open) {
    const p = new URLSearchParams();
    if (state.q) p.set('q', state.q);
    if (state.outcomes.size) p.set('outcome', [...state.outcomes].join(','));
    for (const k of ['level', 'flow', 'tag']) if (state[k]) p.set(k, state[k]);
    if (state.sort !== 'severity') p.set('sort', state.sort);
    if (open) p.set('open', open);
    const hash = p.toString();
    history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
  }

  // ---- filters ----
  function options(select, values, allLabel) {
    select.append(
      h('option', { value: '' }, allLabel),
      values.map(([value, label]) => h('option', { value }, label)),
    );
  }
  function toolbar() {
    for (const o of ORDER) {
      const button = h(
        'button',
        { type: 'button', class: `o-${o}`, 'aria-pressed': 'false', 'data-outcome': o },
        h('span', { class: 'swatch' }),
        OUTCOMES[o].label,
        h('span', { class: 'n' }, String(counts[o])),
      );
      button.addEventListener('click', () => toggleOutcome(o));
      $('outcome-filters').append(button);
    }
    const distinct = (f) => [...new Set(items.flatMap((i) => f(i.r)))].sort();
    options(
      $('level-filter'),
      distinct((r) => [r.level]).map((l) => [l, l.toUpperCase()]),
      'All',
    );
    options(
      $('flow-filter'),
      distinct((r) => [r.flow]).map((f) => [f, f]),
      'Both',
    );
    options(
      $('tag-filter'),
      distinct((r) => r.tags).map((t) => [t, t]),
      'Any',
    );
    $('sort').append(
      h('option', { value: 'severity' }, 'Worst first'),
      h('option', { value: 'id' }, 'Id'),
      h('option', { value: 'duration' }, 'Slowest first'),
    );
    let timer;
    $('search').addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => update({ q: $('search').value }), 120);
    });
    for (const [id, key] of [
      ['level-filter', 'level'],
      ['flow-filter', 'flow'],
      ['tag-filter', 'tag'],
      ['sort', 'sort'],
    ]) {
      $(id).addEventListener('change', () => update({ [key]: $(id).value }));
    }
    $('expand-findings').addEventListener('click', () =>
      rows.forEach((row, i) => (row.open = !row.hidden && rank(items[i].r.outcome) < rank('info'))),
    );
    $('collapse-all').addEventListener('click', () => rows.forEach((row) => (row.open = false)));
    $('clear-filters').addEventListener('click', () =>
      update({ q: '', outcomes: new Set(), level: '', flow: '', tag: '' }),
    );
    document.addEventListener('keydown', (event) => {
      if (event.key === '/' && document.activeElement !== $('search')) {
        event.preventDefault();
        $('search').focus();
      }
    });
  }
  function toggleOutcome(o) {
    const next = new Set(state.outcomes);
    if (!next.delete(o)) next.add(o);
    update({ outcomes: next });
  }
  function setSearch(q) {
    update({ q });
    $('search').focus();
  }

  // ---- result rows ----
  const rows = items.map(row);
  const empty = h('div', { class: 'empty', hidden: true }, 'No scenario matches these filters.');

  function row(item) {
    const { r } = item;
    const cut = r.id.lastIndexOf('/');
    const details = h(
      'details',
      { class: `row o-${r.outcome}`, id: `s-${item.index}` },
      h(
        'summary',
        null,
        h('span', { class: 'badge' }, `${OUTCOMES[r.outcome].symbol} ${OUTCOMES[r.outcome].label}`),
        h(
          'span',
          { class: 'main' },
          h('div', { class: 'title' }, r.title),
          h('div', { class: 'id' }, r.id.slice(0, cut + 1), h('b', null, r.id.slice(cut + 1))),
        ),
        h(
          'span',
          { class: 'chips' },
          r.notRun
            ? h('span', { class: 'chip sp-down', title: 'Not run: the SP had stopped answering' }, 'SP down')
            : null,
          h('span', { class: 'chip' }, r.flow),
          h('span', { class: `chip ${r.level}` }, r.level.toUpperCase()),
        ),
        h('span', { class: 'dur' }, formatDuration(r.durationMs)),
      ),
    );
    let built = false;
    details.addEventListener('toggle', () => {
      if (details.open && !built) {
        built = true;
        details.append(renderDetail(r, item.v, view));
      }
      if (details.open) writeHash(item.key);
    });
    return details;
  }

  function matches(item) {
    const { r } = item;
    if (state.outcomes.size && !state.outcomes.has(r.outcome)) return false;
    if (state.level && r.level !== state.level) return false;
    if (state.flow && r.flow !== state.flow) return false;
    if (state.tag && !r.tags.includes(state.tag)) return false;
    const q = state.q.trim().toLowerCase();
    return !q || q.split(/\s+/).every((word) => item.haystack.includes(word));
  }

  const SORTS = {
    severity: (a, b) => rank(a.r.outcome) - rank(b.r.outcome) || a.index - b.index,
    id: (a, b) => (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : a.index - b.index),
    duration: (a, b) => b.r.durationMs - a.r.durationMs,
  };

  function update(patch) {
    Object.assign(state, patch);
    if (!SORTS[state.sort]) state.sort = 'severity';
    if ($('search').value !== state.q) $('search').value = state.q;
    $('level-filter').value = state.level;
    $('flow-filter').value = state.flow;
    $('tag-filter').value = state.tag;
    $('sort').value = state.sort;
    for (const b of document.querySelectorAll('[data-outcome]'))
      b.setAttribute('aria-pressed', String(state.outcomes.has(b.dataset.outcome)));
    const sorted = [...items].sort(SORTS[state.sort]);
    let shown = 0;
    for (const item of sorted) {
      const visible = matches(item);
      rows[item.index].hidden = !visible;
      if (visible) shown++;
    }
    $('results').replaceChildren(...sorted.map((i) => rows[i.index]), empty);
    empty.hidden = shown > 0;
    $('count').textContent =
      shown === items.length ? `${items.length} results` : `Showing ${shown} of ${items.length}`;
    writeHash();
  }

  renderOverview(report, view, counts, { onOutcome: toggleOutcome, onArea: (area) => setSearch(`${area}/`) });
  toolbar();
  const open = readHash();
  update({});
  const target = items.find((i) => i.key === open);
  if (target) {
    rows[target.index].hidden = false;
    rows[target.index].open = true;
    rows[target.index].scrollIntoView({ block: 'start' });
  }
})();
