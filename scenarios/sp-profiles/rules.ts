/** @module Level rules more than one product shares. */
import type { SpProfile } from './types.js';

type LevelRule = NonNullable<SpProfile['levels']>[number];

/** Products that take the NameID as the account's e-mail must refuse NameIDs that are no e-mail. */
export function nameIdMustBeEmail(product: string): LevelRule[] {
  return ['format-persistent', 'format-transient', 'format-windows-domain-qualified'].map((slug) => ({
    match: { prefix: `entra/nameid/${slug}` },
    level: 'must',
    expect: 'reject',
    because: `${product} takes the NameID as the account's e-mail: a persistent, transient or DOMAIN\\user value is no e-mail and must not become an account`,
  }));
}
