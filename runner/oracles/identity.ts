/**
 * @module Who a page shows as signed in. Identities are matched as whole tokens, case-insensitively:
 * `victim@contoso.com.evil.test` (what a correct SP shows after a comment-truncation attack) must not
 * read as `victim@contoso.com`.
 */
import type { Verdict } from '../../reports/types.js';
import type { Identities } from './types.js';

function tokenPattern(identity: string): RegExp {
  const escaped = identity.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.@+%-])${escaped}(?![\\w@%-]|\\.[\\w])`, 'i');
}

export function identityShown(body: string, identities: Identities): Verdict['identity'] {
  const text = decodeHtmlEntities(body);
  if (tokenPattern(identities.victim).test(text)) return 'victim';
  if (tokenPattern(identities.baseline).test(text)) return 'baseline';
  return 'other';
}

function decodeHtmlEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(
      /&(amp|lt|gt|quot|apos);/g,
      (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? _m,
    );
}
