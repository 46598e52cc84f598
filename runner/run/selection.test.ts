import { describe, expect, it } from 'vitest';
import { scenarios } from '../../scenarios/index.js';
import { HarnessError } from '../errors.js';
import { parseRunConfig } from './run-config.js';
import { selectOrFail } from './selection.js';

describe('selecting scenarios: id prefixes, --grep, --tag', () => {
  it('--grep matches id or title, case-insensitively', () => {
    const byId = selectOrFail({ scenarios: [], grep: 'XSW3' });
    expect(byId.map((s) => s.id)).toEqual(scenarios.filter((s) => /xsw3/i.test(s.id)).map((s) => s.id));
    expect(byId.length).toBeGreaterThan(0);
    // A phrase only the title has: "Nests 10 000 elements inside the first AttributeValue".
    expect(selectOrFail({ scenarios: [], grep: 'nests 10 000 ELEMENTS' }).map((s) => s.id)).toEqual([
      'attacks/xml/deep-nesting',
    ]);
  });

  it('--tag keeps scenarios with any of the tags; prefixes, grep and tags all apply', () => {
    const xsw = selectOrFail({ scenarios: [], tags: ['xsw'] });
    expect(xsw.length).toBeGreaterThan(0);
    expect(xsw.every((s) => s.tags?.includes('xsw'))).toBe(true);
    const either = selectOrFail({ scenarios: [], tags: ['xsw', 'dtd'] });
    expect(either.length).toBe(
      scenarios.filter((s) => s.tags?.some((t) => t === 'xsw' || t === 'dtd')).length,
    );
    const narrowed = selectOrFail({ scenarios: ['attacks/'], tags: ['signature'], grep: 'attacker' });
    expect(narrowed.length).toBeGreaterThan(0);
    for (const s of narrowed) {
      expect(s.id.startsWith('attacks/')).toBe(true);
      expect(s.tags).toContain('signature');
      expect(`${s.id} ${s.title}`).toMatch(/attacker/i);
    }
  });

  it('nothing selected is a configuration error naming what was asked (and an unknown tag)', () => {
    expect(() => selectOrFail({ scenarios: ['nope/'], grep: 'x' })).toThrow(HarnessError);
    expect(() => selectOrFail({ scenarios: ['nope/'], grep: 'x' })).toThrow(
      /no scenario matches nope\/ --grep x/,
    );
    expect(() => selectOrFail({ scenarios: [], tags: ['no-such-tag'] })).toThrow(
      /no scenario has the tag no-such-tag \(tags: .*xsw/,
    );
    expect(() => selectOrFail({ scenarios: [], grep: '(' })).toThrow(/--grep \(/);
  });

  it('run.grep and run.tags in the config are validated', () => {
    const sp = { metadata: 'sp.xml' };
    expect(parseRunConfig({ sp, run: { grep: 'xsw', tags: ['dtd'] } }, 't').run).toMatchObject({
      grep: 'xsw',
      tags: ['dtd'],
    });
    expect(parseRunConfig({ sp }, 't').run.tags).toEqual([]);
    expect(() => parseRunConfig({ sp, run: { grep: '[' } }, 't')).toThrow(
      /run\.grep: must be a valid regular expression/,
    );
  });
});
