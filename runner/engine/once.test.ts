import { describe, expect, it } from 'vitest';
import { once } from './once.js';

describe('once', () => {
  it('makes nothing until asked, then the value once, kept for every later call (undefined too)', () => {
    let made = 0;
    const value = once(() => {
      made++;
      return made === 1 ? undefined : 'again';
    });
    expect(made).toBe(0);
    expect(value()).toBeUndefined();
    expect(value()).toBeUndefined();
    expect(made).toBe(1);
  });
});
