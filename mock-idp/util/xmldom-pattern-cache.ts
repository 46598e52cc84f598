/**
 * @module @xmldom/xmldom 0.9 (0.9.12 is the newest release) builds a new Unicode regular expression for every end
 * tag it reads: sax.js calls `grammar.reg('^', grammar.QName_group, grammar.S_OPT, '$')`, which joins a source of
 * several kilobytes (the whole XML Name alphabet) and compiles it. That is half of what parsing a SAML response
 * costs, and most of the reference SP's garbage collection (docs/performance.md). The expression is the same every
 * time, so `reg` is wrapped to hand back the one already built for the same parts.
 *
 * Only calls made of short literal strings and the grammar's own constant expressions are remembered, so the cache
 * holds a handful of entries whatever the input; any other call goes to the original untouched. A remembered
 * expression is handed out only when it keeps no state between uses (no `g` or `y` flag, so `exec` never reads
 * `lastIndex`), which is what makes sharing it indistinguishable from building a new one.
 */
import grammar from '@xmldom/xmldom/lib/grammar.js';

const MEMOIZED = Symbol.for('samlspec.xmldom.reg.memoized');
const MAX_LITERAL_LENGTH = 4;

type Reg = ((...parts: Array<string | RegExp>) => RegExp) & { [MEMOIZED]?: true };

/**
 * Wraps xmldom's `reg` once per process (later calls are no-ops). Returns false, leaving xmldom alone, when its
 * grammar module no longer has the shape this was written for.
 */
export function memoizeXmldomPatterns(): boolean {
  const original = grammar.reg as Reg;
  if (typeof original !== 'function') return false;
  if (original[MEMOIZED]) return true;
  // The grammar's constant expressions, each with a short id for the cache key.
  const ids = new Map(
    Object.values(grammar)
      .filter((value): value is RegExp => value instanceof RegExp)
      .map((expression, id) => [expression, id] as const),
  );
  const cache = new Map<string, RegExp>();
  const keyOf = (parts: ReadonlyArray<unknown>): string | undefined => {
    let key = '';
    for (const part of parts) {
      const id = part instanceof RegExp ? ids.get(part) : undefined;
      if (typeof part === 'string' && part.length <= MAX_LITERAL_LENGTH) key += `s${part.length}:${part}`;
      else if (id !== undefined) key += `r${id};`;
      else return undefined;
    }
    return key;
  };
  const memoized: Reg = function (this: unknown, ...parts: Array<string | RegExp>): RegExp {
    const key = keyOf(parts);
    if (key === undefined) return original.apply(this, parts);
    const known = cache.get(key);
    if (known) return known;
    const built = original.apply(this, parts);
    if (!built.global && !built.sticky) cache.set(key, built);
    return built;
  };
  memoized[MEMOIZED] = true;
  grammar.reg = memoized;
  return true;
}
