import { describe, expect, it } from 'vitest';
import { scenarios } from '../../scenarios/index.js';
import { SP_PROFILES } from '../../scenarios/sp-profiles/index.js';
import { listView, renderList, renderTags } from './list-view.js';

describe('samlspec list', () => {
  it('lists every selected scenario with its flows and a count', () => {
    const view = listView(scenarios);
    expect(view.rows).toHaveLength(scenarios.length);
    expect(view.runs).toBe(view.allRuns);
    expect(renderList(view)).toMatch(new RegExp(`\\n${scenarios.length} scenarios\\n$`));
  });

  it('--profile shows the levels, expectations and skips the profile gives, and why', () => {
    const heroku = SP_PROFILES.heroku;
    const view = listView(scenarios, { profile: heroku });
    const persistent = view.rows.find((r) => r.id === 'entra/nameid/format-persistent')!;
    expect(persistent).toMatchObject({ level: 'must', expect: 'reject' });
    expect(persistent.profileChange!.from).toEqual({ level: 'info', expect: 'accept' });
    expect(persistent.profileChange!.because).toMatch(/Heroku takes the NameID as the account's e-mail/);
    const skipped = view.rows.find((r) => r.id === 'entra/claims/user-without-mail')!;
    expect(skipped.profileSkip).toMatch(/does not apply to Heroku/);
    const text = renderList(view, { profile: heroku });
    expect(text).toMatch(/^\* entra\/nameid\/format-persistent +must +reject/m);
    expect(text).toMatch(/^- entra\/claims\/user-without-mail/m);
    expect(text).toMatch(/--profile heroku \(Heroku\) changes:/);
    expect(text).toMatch(/flows: SP-initiated only/);
    expect(text).toMatch(/entra\/nameid\/format-persistent: info → must, expect accept → reject: /);
    // Without a profile nothing is marked.
    expect(listView(scenarios).rows.some((r) => r.profileChange || r.profileSkip)).toBe(false);
  });

  it('--shard lists only the runs of that shard, with their recorded cost', () => {
    const one = listView(scenarios, { shard: { current: 1, total: 2 } });
    const two = listView(scenarios, { shard: { current: 2, total: 2 } });
    expect(one.runs + two.runs).toBe(one.allRuns);
    expect(renderList(one, { shard: { current: 1, total: 2 } })).toMatch(
      new RegExp(`${one.runs} of ${one.allRuns} scenario runs in shard 1/2 \\(recorded cost \\d+\\.\\d s\\)`),
    );
  });

  it('a bare --tag lists the tags with how many scenarios carry each', () => {
    const text = renderTags(scenarios);
    const xsw = scenarios.filter((s) => s.tags?.includes('xsw')).length;
    expect(text).toMatch(new RegExp(`^xsw +${xsw}$`, 'm'));
  });
});
