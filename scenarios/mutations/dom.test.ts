import type { Document, Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../test-support/fuzz/fuzz-rng.js';
import { randomDocument } from '../../mock-idp/util/test-support/random-documents.js';
import { all } from './dom.js';

const LOCAL_NAMES = ['Response', 'Assertion', 'x', 'Issuer', 'y', 'nothing', '*'];

describe('all', () => {
  it("finds what xmldom's getElementsByTagNameNS('*', name) finds, in the same order", () => {
    let found = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const doc = randomDocument(seededRng(seed));
      const roots: Array<Document | Element> = [doc, ...Array.from(doc.getElementsByTagName('*'))];
      for (const root of roots)
        for (const name of LOCAL_NAMES) {
          const expected = Array.from(root.getElementsByTagNameNS('*', name));
          const got = all(root, name);
          expect(got.length, `seed ${seed}`).toBe(expected.length);
          expect(
            got.every((element, i) => element === expected[i]),
            `seed ${seed}`,
          ).toBe(true);
          found += got.length;
        }
    }
    expect(found).toBeGreaterThan(1000);
  });
});
