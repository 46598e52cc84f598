/* global document */
/**
 * samlspec report page, part 4: the top of the page. The target and run facts, how calibration went
 * per flow (each baseline attempt's evidence one click away), any time the SP stopped answering, the
 * verdict banner (the same headline as the console and Markdown reports), a donut of results per
 * outcome whose legend doubles as a filter, and a stacked bar per area (core, profiles, bindings,
 * attacks, entra).
 */
(() => {
  const { h, svg, formatDuration, renderEvidence } = globalThis.samlspec;
  const $ = (id) => document.getElementById(id);
  const ICON = { fail: '✗', error: '‼', warn: '!', ok: '✓', empty: '–' };

  function header(report, view, counts) {
    const t = report.target;
    document.title = `samlspec · ${view.verdict.headline} · ${t.description}`;
    $('target').textContent = t.description;
    const meta = [
      ['Mode', t.mode],
      ['SP', t.spEntityId],
      ['IdP', t.idpIssuer],
      ['Started', new Date(report.startedAt).toLocaleString()],
      ['Duration', formatDuration(report.durationMs)],
      ['Strict', report.strict ? 'yes (SHOULD failures count)' : 'no'],
      [
        'Liveness',
        report.liveness
          ? `${report.liveness.checks} baseline checks, ${report.liveness.failed} failed`
          : undefined,
      ],
    ];
    for (const [k, v] of meta) if (v) $('meta').append(h('div', null, h('dt', null, k), h('dd', null, v)));
    for (const note of t.notes) $('notes').append(h('li', null, note));
    for (const line of view.spDown) $('incidents').append(h('li', null, line));
    for (const { reason, count } of view.skipReasons)
      $('notes').append(h('li', { class: 'skip-reason' }, `Skipped ${count}×: ${reason}`));
    calibration(report, view);

    const total = report.results.length;
    const attention = counts.fail + counts['non-strict'] + counts.error + counts.inconclusive;
    const sub = attention
      ? `${total} results · ${attention} need attention; they are listed first, and “Expand findings” opens them.`
      : `${total} results · no scenario needs attention.`;
    $('verdict').className = `verdict tone-${view.verdict.tone}`;
    $('verdict').append(
      h('span', { class: 'icon' }, ICON[view.verdict.tone]),
      h('div', null, h('strong', null, view.verdict.headline), h('p', null, sub)),
    );
  }

  const CALIBRATION_STATUS = {
    calibrated: 'calibrated',
    fixed: 'option fixed',
    refused: 'no option accepted',
    'sp-initiated-only': 'SP-initiated only',
  };

  /** One attempt's row, and a row below it holding its evidence, built when first shown. */
  function attemptRows(attempt, v, view) {
    const evidence = h('tr', { class: 'attempt-evidence', hidden: true }, h('td', { colspan: 5 }));
    let built = false;
    const show = h('button', { type: 'button', class: 'show-evidence' }, 'Evidence');
    show.addEventListener('click', () => {
      if (!built) {
        built = true;
        // renderEvidence may return several nodes; h() flattens them.
        evidence.firstChild.append(
          h('div', { class: 'attempt-detail' }, renderEvidence(attempt.evidence || {}, v)),
        );
      }
      evidence.hidden = !evidence.hidden;
      show.setAttribute('aria-expanded', String(!evidence.hidden));
    });
    const row = h(
      'tr',
      null,
      h('td', null, view.signingOptions[attempt.option] ?? attempt.option),
      h('td', null, attempt.algorithm.toUpperCase()),
      h(
        'td',
        null,
        h(
          'span',
          { class: `mini-badge ${attempt.accepted ? 'o-pass' : 'o-fail'}` },
          attempt.accepted ? 'accepted' : 'refused',
        ),
      ),
      h('td', null, attempt.because),
      h('td', null, attempt.evidence ? show : '—'),
    );
    return [row, evidence];
  }

  /** The calibration of each flow: its status, the runner's one-sentence summary, and the attempts. */
  function calibration(report, view) {
    const flows = report.calibration || [];
    if (flows.length === 0) return;
    const items = flows.map((c, i) => {
      const attempts = c.attempts.flatMap((a, j) => attemptRows(a, view.calibration[i].attempts[j], view));
      return h(
        'li',
        { class: `calibration-flow status-${c.status}` },
        h('span', { class: 'chip' }, c.flow),
        h('span', { class: 'chip status' }, CALIBRATION_STATUS[c.status] || c.status),
        h('span', { class: 'summary-text' }, c.summary),
        c.attempts.length
          ? h(
              'details',
              { class: 'attempts' },
              h('summary', null, `Baseline attempts (${c.attempts.length})`),
              h(
                'table',
                { class: 'hops' },
                h(
                  'thead',
                  null,
                  h(
                    'tr',
                    null,
                    ['Signing option', 'Algorithm', 'Result', 'Because', ''].map((x) => h('th', null, x)),
                  ),
                ),
                h('tbody', null, attempts),
              ),
            )
          : null,
      );
    });
    $('calibration').append(h('h2', null, 'Calibration'), h('ul', null, items));
    $('calibration').hidden = false;
  }

  function footer(report, view) {
    const finished = new Date(report.finishedAt).toLocaleString();
    $('generated').textContent =
      `Generated by samlspec ${report.tool.version} · finished ${finished} · the same data is in samlspec-report.json`;
    for (const o of view.outcomeOrder) {
      $('outcome-legend').append(
        h('dt', { class: `o-${o}` }, view.outcomes[o].label),
        h('dd', null, view.outcomes[o].legend),
      );
    }
  }

  /** A donut of counts per outcome, drawn as dashed strokes of one circle each. */
  function chart(view, counts, total) {
    const r = 52;
    const c = 2 * Math.PI * r;
    const ring = { cx: 70, cy: 70, r, fill: 'none', 'stroke-width': 18 };
    const rings = [svg('circle', { ...ring, stroke: 'var(--surface-2)' })];
    let offset = 0;
    for (const o of view.outcomeOrder) {
      if (!counts[o]) continue;
      const len = (counts[o] / (total || 1)) * c;
      const dash = { 'stroke-dasharray': `${len} ${c - len}`, 'stroke-dashoffset': String(-offset) };
      const attrs = { ...ring, ...dash, class: `o-${o}`, stroke: 'var(--c)', transform: 'rotate(-90 70 70)' };
      rings.push(svg('circle', attrs, svg('title', null, `${view.outcomes[o].label}: ${counts[o]}`)));
      offset += len;
    }
    const label = [
      svg('text', { x: 70, y: 72, 'text-anchor': 'middle', class: 'total' }, String(total)),
      svg('text', { x: 70, y: 92, 'text-anchor': 'middle', class: 'total-label' }, 'results'),
    ];
    const size = { width: 140, height: 140, viewBox: '0 0 140 140' };
    $('chart').append(
      svg('svg', { ...size, role: 'img', 'aria-label': 'Results per outcome' }, rings, label),
    );
  }

  function legend(view, counts, onOutcome) {
    for (const o of view.outcomeOrder) {
      const props = {
        type: 'button',
        class: `o-${o}`,
        'aria-pressed': 'false',
        'data-outcome': o,
        title: view.outcomes[o].legend,
      };
      const count = h('span', { class: counts[o] ? 'n' : 'n zero' }, String(counts[o]));
      const button = h('button', props, h('span', { class: 'swatch' }), view.outcomes[o].label, count);
      button.addEventListener('click', () => onOutcome(o));
      $('legend').append(h('li', null, button));
    }
  }

  function areas(report, view, onArea) {
    const groups = new Map();
    for (const r of report.results) {
      const area = r.id.split('/')[0];
      if (!groups.has(area)) groups.set(area, Object.fromEntries(view.outcomeOrder.map((o) => [o, 0])));
      groups.get(area)[r.outcome]++;
    }
    for (const [area, n] of groups) {
      const total = view.outcomeOrder.reduce((sum, o) => sum + n[o], 0);
      const noted = ['fail', 'non-strict', 'error', 'inconclusive'].filter((o) => n[o]);
      const segments = view.outcomeOrder
        .filter((o) => n[o])
        .map((o) =>
          h('span', { class: `o-${o}`, style: `flex: ${n[o]}`, title: `${view.outcomes[o].label}: ${n[o]}` }),
        );
      const parts = noted.map((o) => `${n[o]} ${view.outcomes[o].label.toLowerCase()}`);
      const nums = `${total} · ${parts.length ? parts.join(' · ') : 'no findings'}`;
      const button = h(
        'button',
        { type: 'button', title: `Show ${area}/…` },
        h('span', { class: 'name' }, area),
        h('span', { class: 'bar' }, segments),
        h('span', { class: 'nums' }, nums),
      );
      button.addEventListener('click', () => onArea(area));
      $('areas').append(h('li', null, button));
    }
  }

  /** Fill the static skeleton of template.html; the callbacks connect the legend and areas to the filters. */
  function renderOverview(report, view, counts, { onOutcome, onArea }) {
    header(report, view, counts);
    chart(view, counts, report.results.length);
    legend(view, counts, onOutcome);
    areas(report, view, onArea);
    footer(report, view);
  }

  globalThis.samlspec.renderOverview = renderOverview;
})();
