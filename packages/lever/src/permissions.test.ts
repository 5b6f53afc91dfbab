import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  groupPermissions,
  isPermissionKey,
  missingPermissions,
  parsePermission,
  permissionForEndpoint,
  PERMISSION_ACTIONS,
  PERMISSION_PRESETS,
  PERMISSION_RESOURCES,
  PERMISSIONS,
  READ_ACTIONS,
  RECRUITMENT_MARKETING_PRESET,
} from './permissions.ts';

void describe('permission catalogue', () => {
  void it('has unique keys and unique endpoints, each resource known', () => {
    const keys = PERMISSIONS.map((p) => p.key);
    assert.equal(new Set(keys).size, keys.length);
    const endpoints = PERMISSIONS.flatMap((p) => p.endpoints);
    assert.equal(new Set(endpoints).size, endpoints.length);
    for (const p of PERMISSIONS) {
      assert.ok(p.resource in PERMISSION_RESOURCES, p.key);
      assert.ok(PERMISSION_ACTIONS.includes(p.action), p.key);
      assert.match(p.label, /^(Find|Create|Update|Delete|Download|Upload|Add and remove|Apply)/, p.key);
    }
  });

  void it('covers the endpoint families the product serves', () => {
    const resources = new Set(PERMISSIONS.map((p) => p.resource));
    for (const r of [
      'opportunities',
      'applications',
      'contacts',
      'notes',
      'resumes',
      'files',
      'offers',
      'referrals',
      'postings',
      'stages',
      'archive_reasons',
      'sources',
      'tags',
      'users',
      'webhooks',
      'uploads',
      'feedback',
    ]) {
      assert.ok(resources.has(r as never), r);
    }
  });

  void it('keeps Lever label wording and derives the newer short label', () => {
    const byKey = (k: string) => PERMISSIONS.find((p) => p.key === k);
    assert.equal(byKey('opportunities:list')?.label, 'Find all opportunities');
    assert.equal(byKey('notes:create')?.label, 'Create an opportunity note');
    assert.equal(byKey('files:create')?.label, 'Upload an opportunity file');
    assert.equal(byKey('postings:list')?.shortLabel, 'List postings');
    assert.equal(byKey('stages:read')?.shortLabel, 'Read stage');
    assert.equal(byKey('candidate_resumes:download')?.shortLabel, 'Download candidate resume');
  });

  void it('parses keys and maps endpoints', () => {
    assert.deepEqual(parsePermission('opportunities:list'), { resource: 'opportunities', action: 'list' });
    assert.equal(parsePermission('opportunities:explode'), undefined);
    assert.equal(parsePermission('constructor:read'), undefined);
    assert.equal(isPermissionKey('webhooks:delete'), true);
    assert.equal(isPermissionKey('webhooks:download'), false);
    assert.equal(permissionForEndpoint('get', '/opportunities/:opportunity')?.key, 'opportunities:read');
    assert.equal(
      permissionForEndpoint('POST', '/opportunities/:opportunity/removeTags')?.key,
      'opportunity_tags:update',
    );
    assert.equal(permissionForEndpoint('PATCH', '/opportunities/:opportunity'), undefined);
  });

  void it('groups read before write per resource group', () => {
    const groups = groupPermissions();
    const opp = groups.find((g) => g.group === 'Opportunities');
    assert.deepEqual(
      opp?.read.map((p) => p.key),
      ['opportunities:list', 'opportunities:read', 'deleted_opportunities:list'],
    );
    assert.ok(opp?.write.every((p) => !READ_ACTIONS.includes(p.action)));
    const total = groups.reduce((n, g) => n + g.read.length + g.write.length, 0);
    assert.equal(total, PERMISSIONS.length);
  });
});

void describe('missingPermissions', () => {
  void it('returns needed keys not granted, deduplicated, in needed order', () => {
    assert.deepEqual(
      missingPermissions(
        ['postings:list', { resource: 'stages', action: 'list' }],
        [
          'stages:list',
          'postings:read',
          { resource: 'postings', action: 'read' },
          'postings:list',
          'tags:list',
        ],
      ),
      ['postings:read', 'tags:list'],
    );
    assert.deepEqual(missingPermissions(['notes:create'], []), []);
  });
});

void describe('recruitment-marketing preset', () => {
  void it('is exactly 19 known read permissions with confidential access', () => {
    const keys = RECRUITMENT_MARKETING_PRESET.permissions;
    assert.equal(keys.length, 19);
    assert.equal(new Set(keys).size, 19);
    for (const key of keys) {
      const parsed = parsePermission(key);
      assert.ok(parsed, key);
      assert.ok(READ_ACTIONS.includes(parsed.action), key);
    }
    assert.equal(RECRUITMENT_MARKETING_PRESET.confidentialAccess, true);
    assert.equal(PERMISSION_PRESETS['recruitment-marketing'], RECRUITMENT_MARKETING_PRESET);
  });

  void it('is enough for a postings + candidates + resumes sync', () => {
    const sync = [
      'postings:list',
      'postings:read',
      'opportunities:list',
      'resumes:list',
      'resumes:download',
    ] as const;
    assert.deepEqual(missingPermissions(RECRUITMENT_MARKETING_PRESET.permissions, sync), []);
    assert.deepEqual(missingPermissions(RECRUITMENT_MARKETING_PRESET.permissions, ['notes:create']), [
      'notes:create',
    ]);
  });
});
