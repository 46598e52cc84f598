import { describe, expect, it } from 'vitest';
import { userSchema } from './user.js';
import { findByAlias, sameUser } from './user-match.js';

const simon = userSchema.parse({
  objectId: '0a1b2c3d-0000-4000-8000-00000000000a',
  userPrincipalName: 'B.Simon@contoso.com',
  displayName: 'B.Simon',
});
const other = userSchema.parse({
  objectId: '0a1b2c3d-0000-4000-8000-00000000000b',
  userPrincipalName: 'B.Simonson@contoso.com',
  displayName: 'B.Simonson',
});

describe('user matching', () => {
  it('finds a user by the part of the UPN before @, in any case, and never by a whole address', () => {
    expect(findByAlias([other, simon], 'b.simon')).toBe(simon);
    expect(findByAlias([other, simon], 'B.Simon@contoso.com')).toBeUndefined();
    expect(findByAlias([other], 'nobody')).toBeUndefined();
  });

  it('matches a login hint by UPN or object id, in any case', () => {
    expect(sameUser(simon, 'b.simon@CONTOSO.com')).toBe(true);
    expect(sameUser(simon, simon.objectId.toUpperCase())).toBe(true);
    expect(sameUser(simon, 'B.Simonson@contoso.com')).toBe(false);
  });
});
