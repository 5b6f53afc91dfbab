import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PERMISSIONS } from './permissions.ts';
import {
  describeScope,
  expandScopes,
  isScope,
  missingScopes,
  parseScopeString,
  scopeForPermission,
  scopeSatisfies,
  SCOPES,
} from './scopes.ts';

void describe('scopes', () => {
  void it('lists unique scopes with consent descriptions', () => {
    const names = SCOPES.map((s) => s.scope);
    assert.equal(new Set(names).size, names.length);
    for (const s of SCOPES) assert.ok(s.description.length > 0);
    assert.equal(describeScope('opportunities:write:admin'), 'View and manage all opportunities');
    assert.equal(isScope('opportunities:delete:admin'), false);
  });

  void it('lets write imply read, never the reverse', () => {
    assert.equal(scopeSatisfies(['opportunities:write:admin'], 'opportunities:read:admin'), true);
    assert.equal(scopeSatisfies(['opportunities:read:admin'], 'opportunities:write:admin'), false);
    assert.equal(scopeSatisfies(['notes:write:admin'], ['notes:read:admin', 'notes:write:admin']), true);
    assert.equal(scopeSatisfies(['notes:write:admin'], 'opportunities:read:admin'), false);
    assert.equal(scopeSatisfies([], []), true);
    assert.deepEqual(missingScopes(['postings:read:admin'], ['postings:read:admin', CONF, CONF]), [CONF]);
    assert.deepEqual([...expandScopes(['webhooks:write:admin'])].sort(), [
      'webhooks:read:admin',
      'webhooks:write:admin',
    ]);
  });

  void it('parses space-separated scope strings', () => {
    assert.deepEqual(parseScopeString(' offline_access  tags:read:admin\n'), [
      'offline_access',
      'tags:read:admin',
    ]);
    assert.deepEqual(parseScopeString(undefined), []);
  });

  void it('maps every permission to a real scope', () => {
    for (const p of PERMISSIONS)
      assert.ok(isScope(scopeForPermission(p)), `${p.key} -> ${scopeForPermission(p)}`);
    assert.equal(scopeForPermission({ resource: 'contacts', action: 'update' }), 'contact:write:admin');
    assert.equal(scopeForPermission({ resource: 'resumes', action: 'download' }), 'resumes:read:admin');
    assert.equal(
      scopeForPermission({ resource: 'opportunity_stage', action: 'update' }),
      'opportunities:write:admin',
    );
  });
});

const CONF = 'confidential:access:admin';
