/** @module Tests for Invariants of the attack catalog: size, ids, row citations, and that every mutation throws when its target is missing. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioIdp } from '../../runner/engine/test-support/scenario-harness.js';
import type { MutationContext } from '../types.js';
import { groups } from './index.js';
import { parseXml } from './test-support/verify.js';

const scenarios = groups.flatMap((g) => g.scenarios);
const EMPTY = '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_empty"/>';
/** Text mutations that add to any document (nothing to be missing); every other mutation has a target. */
const TARGETLESS = /^(DOCTYPE|XXE|trailing|second XML declaration|declare encoding)/;

describe('attacks catalog', () => {
  it('holds at least 45 attack scenarios, all under attacks/<family>/', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(45);
    for (const s of scenarios) expect(s.id, s.id).toMatch(/^attacks\/[a-z0-9-]+\/[a-z0-9-]+$/);
  });

  it('cites the docs/attacks.md row in every title', () => {
    for (const s of scenarios)
      expect(s.title, s.id).toMatch(/\((SIG|XSW|C14N|ALG|XML|ENC|APP)-?\d*b?\)$|\(XSW\d\)$/);
  });

  it('lists every attack scenario in docs/attacks.md, in the row its title cites', () => {
    const doc = readFileSync(new URL('../../docs/attacks.md', import.meta.url), 'utf8');
    const rows = new Map<string, string>();
    for (const line of doc.split('\n')) {
      const id = /^\|\s*([A-Z][A-Z0-9]*-\d{2})\s*\|/.exec(line)?.[1];
      if (id) rows.set(id, line);
    }
    const misplaced = scenarios.flatMap((s) => {
      // `(XSW3)` is row XSW-03, `(SIG-07b)` a variant of row SIG-07.
      const cited = /\((SIG|XSW|C14N|ALG|XML|ENC|APP)-?(\d+)b?\)$/.exec(s.title);
      if (!cited) return [`${s.id}: no row cited`];
      const row = `${cited[1]}-${cited[2]!.padStart(2, '0')}`;
      if (!rows.has(row)) return [`${s.id}: row ${row} is not in docs/attacks.md`];
      return rows.get(row)!.includes(`\`${s.id}\``) ? [] : [`${s.id}: not listed in row ${row}`];
    });
    expect(misplaced).toEqual([]);
  });

  it('makes every mutation throw when its target is missing, so none can silently become a no-op', () => {
    const idp = scenarioIdp();
    const ctx: MutationContext = {
      keys: { idp: { ...idp.attacker }, attacker: idp.attacker },
      identities: { baseline: 'B.Simon@contoso.com', victim: idp.victim },
      acsUrl: 'https://sp.example.com/acs',
      audience: 'https://sp.example.com/metadata',
      nonce: 'test',
      issuer: 'https://sts.windows.net/x/',
      now: new Date(),
    };
    const silent: string[] = [];
    for (const s of scenarios)
      for (const m of s.mutations ?? []) {
        if (m.stage === 'serialized' && TARGETLESS.test(m.name)) continue;
        try {
          if (m.stage === 'serialized') m.apply(EMPTY, ctx);
          else m.apply(parseXml(EMPTY), ctx);
          silent.push(`${s.id}: ${m.name}`);
        } catch {
          // expected: the target is missing
        }
      }
    expect(silent).toEqual([]);
  });
});
