import { describe, expect, it } from 'vitest';
import { appSchema } from './app.js';
import { isAssigned } from './assignment.js';
import { userSchema } from './user.js';

const GROUP = '0a1b2c3d-0000-4000-8000-000000000001';
const user = userSchema.parse({
  objectId: '0a1b2c3d-0000-4000-8000-00000000000a',
  userPrincipalName: 'B.Simon@contoso.com',
  displayName: 'B.Simon',
  groups: [GROUP],
});
const app = (fields: Record<string, unknown>) =>
  appSchema.parse({
    name: 'sp',
    displayName: 'SP',
    appId: '0a1b2c3d-0000-4000-8000-0000000000ff',
    objectId: '0a1b2c3d-0000-4000-8000-0000000000fe',
    ...fields,
  });

describe('isAssigned', () => {
  it('lets everyone in when assignment is not required', () => {
    expect(isAssigned(app({ assignmentRequired: false }), user)).toBe(true);
  });

  it('requires a direct assignment (UPN in any case, or object id) or a direct group', () => {
    expect(isAssigned(app({ assignmentRequired: true }), user)).toBe(false);
    expect(isAssigned(app({ assignmentRequired: true, assignedUsers: ['b.simon@CONTOSO.com'] }), user)).toBe(
      true,
    );
    expect(isAssigned(app({ assignmentRequired: true, assignedUsers: [user.objectId] }), user)).toBe(true);
    expect(isAssigned(app({ assignmentRequired: true, assignedGroups: [GROUP] }), user)).toBe(true);
    expect(isAssigned(app({ assignmentRequired: true, assignedGroups: ['other'] }), user)).toBe(false);
  });
});
