/** @module The catalog's invariants: unique ids under their folder, normative wording per level, citations, size, and that every scenario builds. */
import { describe, expect, it } from 'vitest';
import { createSigningCertificate } from '../mock-idp/keys/signing-certificate.js';
import { responseFor, scenarioIdp } from '../runner/engine/test-support/scenario-harness.js';
import { formatRef, renderCatalog } from './generate-catalog.js';
import { groups, scenarios } from './index.js';
import { noControl } from './negative-control.js';

const FOLDERS = ['core', 'profiles', 'bindings', 'entra', 'attacks', 'lifecycle', 'browser'] as const;

describe('scenario catalog', () => {
  it('has unique ids', () => {
    const seen = new Set<string>();
    const duplicates = scenarios.map((s) => s.id).filter((id) => seen.has(id) || !seen.add(id));
    expect(duplicates).toEqual([]);
  });

  it('names every id <folder>/<section>/<slug>, without positional numbers as slugs', () => {
    for (const s of scenarios) {
      const [folder, ...rest] = s.id.split('/');
      expect(FOLDERS, s.id).toContain(folder);
      expect(rest.length, s.id).toBeGreaterThanOrEqual(2);
      expect(rest.at(-1), s.id).toMatch(/^[a-z][a-z0-9-]*$/);
    }
  });

  it('keeps each group under its own prefix', () => {
    for (const g of groups)
      for (const s of g.scenarios) expect(s.id.startsWith(`${g.prefix}/`), s.id).toBe(true);
  });

  it('words requirements to match their level', () => {
    for (const s of scenarios) {
      if (s.level === 'must') expect(s.requirement, s.id).toMatch(/\bMUST( NOT)?\b/);
      if (s.level === 'should') expect(s.requirement, s.id).toMatch(/\bSHOULD( NOT)?\b/);
    }
  });

  // Reports print the fix under every finding (console, JUnit, Markdown): it must say something, briefly.
  it('gives every scenario a fix of one or two sentences', () => {
    for (const s of scenarios) {
      expect(s.fix.trim().length, s.id).toBeGreaterThan(0);
      expect(s.fix.length, s.id).toBeLessThanOrEqual(300);
      expect(s.fix, s.id).not.toMatch(/[\r\n]/);
    }
  });

  it('names the CVE in the fix when it cites the fixed version of a library', () => {
    for (const s of scenarios.filter((x) => /\bupgrade\b/i.test(x.fix)))
      expect(s.fix, s.id).toMatch(/CVE-\d{4}-\d+|GHSA-/);
  });

  it('cites a CVE or a URL for every attack', () => {
    for (const s of scenarios.filter((x) => x.id.startsWith('attacks/')))
      expect(
        s.refs.some((r) => 'cve' in r || 'url' in r),
        s.id,
      ).toBe(true);
  });

  it('gives every scenario at least one flow, and InResponseTo checks only the SP-initiated one', () => {
    for (const s of scenarios) {
      expect(s.flows.length, s.id).toBeGreaterThan(0);
      if (s.tags?.includes('in-response-to') && !s.tags.includes('unsolicited'))
        expect(s.flows, s.id).toEqual(['sp-initiated']);
    }
  });

  // Counts the whole catalog, including attacks/* (written separately).
  it('holds at least 100 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(100);
  });

  it('builds the exact response of every scenario without throwing', async () => {
    const idp = scenarioIdp();
    idp.spEncryptionCertificate ??= createSigningCertificate({
      commonName: 'sp.example.com encryption',
    }).certificatePem;
    const failures: string[] = [];
    for (const s of scenarios) {
      for (const flow of s.flows) {
        const target = flow === 'sp-initiated' ? {} : { inResponseTo: undefined };
        try {
          const { xml } = await responseFor(s, target);
          if (xml.length === 0) failures.push(`${s.id} (${flow}): empty`);
        } catch (error) {
          failures.push(`${s.id} (${flow}): ${(error as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('renders CATALOG.md deterministically, one row per scenario, grouped by prefix', () => {
    const markdown = renderCatalog(groups);
    expect(renderCatalog(groups)).toBe(markdown);
    for (const s of scenarios) expect(markdown).toContain(`| \`${s.id}\` |`);
    const [tables = '', noControlSection = ''] = markdown.split(
      '\n## Scenarios without a negative control\n',
    );
    const rows = tables.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(scenarios.length);
    // Each row carries its fix in the title cell, after a line break, and every judged one its negative control.
    for (const r of rows) expect(r).toMatch(/<br>\*Fix:\* \S/);
    for (const [i, s] of scenarios.entries())
      expect(rows[i]?.includes('<br>*Negative control:* '), s.id).toBe(s.level !== 'info');
    // The closing section lists exactly the scenarios that say no control can fail them.
    const noControlIds = noControlSection
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .map((l) => l.slice(3, l.indexOf('` |')));
    expect(noControlIds).toEqual(scenarios.filter((s) => noControl(s) !== undefined).map((s) => s.id));
    expect(noControlIds.length).toBeGreaterThan(0);
    const headings = markdown.split('\n').filter((l) => l.startsWith('## '));
    expect(new Set(headings).size).toBe(headings.length);
    expect(formatRef({ doc: 'saml-profiles', section: '4.1.4.3' })).toBe('SAML Profiles §4.1.4.3');
    expect(formatRef({ url: 'https://example.org/', title: 'a | b' })).toBe(
      '[a \\| b](https://example.org/)',
    );
  });
});
