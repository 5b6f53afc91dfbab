import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { ListEnvelope, Note, SingleEnvelope } from '@hireloop/lever/wire';
import {
  countRows,
  createAtsTestApp,
  createTestTenant,
  type AtsTestApp,
  type TestTenant,
} from '../../../test-support.ts';
import type { Row } from '../../../db.ts';
import { insertOpportunity, limitedMemberAuth } from './records.test-factory.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('/v1/opportunities/:id/notes', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let opp: Row<'ats.opportunity'>;
  const post = (auth: string, id: string, payload: unknown, query = '') =>
    t.app.inject({
      method: 'POST',
      url: `/v1/opportunities/${id}/notes${query}`,
      headers: { authorization: auth },
      payload: payload as object,
    });
  const get = (auth: string, url: string) =>
    t.app.inject({ url: `/v1/opportunities/${url}`, headers: { authorization: auth } });

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db);
      other = await createTestTenant(t.db);
      opp = await insertOpportunity(t.db, tenant.account.id);
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  it('rejects without auth, with another tenant’s key, and without the permission', async () => {
    assert.equal((await t.app.inject({ url: `/v1/opportunities/${opp.id}/notes` })).statusCode, 401);
    const foreign = await get(other.auth, `${opp.id}/notes`);
    assert.equal(foreign.statusCode, 404);
    assert.equal(foreign.json().code, 'NotFoundError');
    assert.equal((await post(other.auth, opp.id, { value: 'x' })).statusCode, 404);
    const noPerm = await post(await tenant.key(['notes:list']), opp.id, { value: 'x' });
    assert.equal(noPerm.statusCode, 403);
    assert.deepEqual(noPerm.json(), {
      code: 'MissingPermissionError',
      message: 'This API key lacks the permission notes:create',
      permission: 'notes:create',
    });
    for (const [perm, url, method] of [
      ['notes:list', `${opp.id}/notes`, 'GET'],
      ['notes:read', `${opp.id}/notes/${opp.id}`, 'GET'],
      ['notes:delete', `${opp.id}/notes/${opp.id}`, 'DELETE'],
    ] as const) {
      const res = await t.app.inject({
        method,
        url: `/v1/opportunities/${url}`,
        headers: { authorization: await tenant.key(['files:list']) },
      });
      assert.equal(res.json().permission, perm);
    }
  });

  it('rejects bad input with 400/404/415 and stores nothing', async () => {
    const before = await countRows(t.db, 'ats.note');
    const cases: [unknown, string, number, string][] = [
      [{}, '', 400, 'ValidationError'],
      [{ value: '' }, '', 400, 'ValidationError'],
      [{ value: '   ' }, '', 400, 'ValidationError'],
      [{ value: 'x', score: 5 }, '', 400, 'ValidationError'],
      [{ value: 'x', score: 0 }, '', 400, 'ValidationError'],
      [{ value: 'x', secret: 'maybe' }, '', 400, 'ValidationError'],
      [{ value: 'x', createdAt: -1 }, '', 400, 'ValidationError'],
      [{ value: 'x' }, '?perform_as=not-a-user', 400, 'ValidationError'],
      [{ value: 'x' }, `?perform_as=${other.superAdmin.id}`, 400, 'ValidationError'],
      [{ value: 'x' }, '?note_id=00000000-0000-4000-8000-000000000000', 404, 'NotFoundError'],
    ];
    for (const [payload, query, status, code] of cases) {
      const res = await post(tenant.auth, opp.id, payload, query);
      assert.equal(res.statusCode, status, `${JSON.stringify(payload)} ${query}: ${res.body}`);
      assert.equal(res.json().code, code);
    }
    const missing = await post(tenant.auth, opp.id, {});
    assert.equal(missing.json().fields[0].field, 'value');
    const perform = await post(tenant.auth, opp.id, { value: 'x' }, '?perform_as=nope');
    assert.equal(perform.json().fields[0].field, 'perform_as');
    const malformed = await t.app.inject({
      method: 'POST',
      url: `/v1/opportunities/${opp.id}/notes`,
      headers: { authorization: tenant.auth, 'content-type': 'application/json' },
      payload: '{"value":',
    });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().code, 'MalformedJsonError');
    const text = await t.app.inject({
      method: 'POST',
      url: `/v1/opportunities/${opp.id}/notes`,
      headers: { authorization: tenant.auth, 'content-type': 'text/plain' },
      payload: 'value',
    });
    assert.equal(text.statusCode, 415);
    const multipart = await t.app.inject({
      method: 'POST',
      url: `/v1/opportunities/${opp.id}/notes`,
      headers: { authorization: tenant.auth, 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="value"\r\n\r\nhi\r\n--x--\r\n',
    });
    assert.equal(multipart.statusCode, 415);
    for (const id of ['nope', '00000000-0000-4000-8000-000000000000'])
      assert.equal((await post(tenant.auth, id, { value: 'x' })).statusCode, 404);
    assert.equal(await countRows(t.db, 'ats.note'), before);
  });

  it('creates a note (201) with Lever’s exact shape: noteId on create only, stage = current stage, user from perform_as', async () => {
    const res = await post(
      tenant.auth,
      opp.id,
      { value: 'Strong systems background', score: 4, secret: false, notifyFollowers: true, unknownField: 1 },
      `?perform_as=${tenant.superAdmin.id}`,
    );
    assert.equal(res.statusCode, 201);
    const body = res.json();
    assert.ok(Value.Check(SingleEnvelope(Note), body));
    const note = body.data;
    assert.match(note.id, UUID);
    assert.equal(typeof note.createdAt, 'number');
    assert.ok(Math.abs(note.createdAt - Date.now()) < 60_000);
    assert.deepEqual(body, {
      data: {
        id: note.id,
        text: 'Note',
        fields: [
          {
            createdAt: note.createdAt,
            score: 4,
            stage: 'lead-reached-out',
            text: 'Comment',
            type: 'note',
            user: tenant.superAdmin.id,
            value: 'Strong systems background',
          },
        ],
        user: tenant.superAdmin.id,
        secret: false,
        completedAt: note.createdAt,
        deletedAt: null,
        createdAt: note.createdAt,
        noteId: note.id,
      },
    });
    const fetched = await get(tenant.auth, `${opp.id}/notes/${note.id}`);
    assert.equal(fetched.statusCode, 200);
    const { noteId: _omitted, ...withoutNoteId } = note;
    assert.deepEqual(fetched.json(), { data: withoutNoteId });
  });

  it('accepts a form-encoded body (string booleans and numbers) and keeps user null without perform_as', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/opportunities/${opp.id}/notes`,
      headers: { authorization: tenant.auth, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'value=Called+%26+left+a+message&score=2&secret=false&createdAt=1500000000000',
    });
    assert.equal(res.statusCode, 201, res.body);
    const note = res.json().data;
    assert.equal(note.user, null);
    assert.equal(note.createdAt, 1500000000000);
    assert.deepEqual(note.fields, [
      {
        createdAt: 1500000000000,
        score: 2,
        stage: 'lead-reached-out',
        text: 'Comment',
        type: 'note',
        user: null,
        value: 'Called & left a message',
      },
    ]);
  });

  it('adds a comment to an existing note with note_id', async () => {
    const first = (await post(tenant.auth, opp.id, { value: 'First' })).json().data;
    await t.db.updateTable('ats.opportunity').set({ stage_id: 'offer' }).where('id', '=', opp.id).execute();
    const res = await post(
      tenant.auth,
      opp.id,
      { value: 'Follow-up', score: 3 },
      `?note_id=${first.id}&perform_as=${tenant.superAdmin.id}`,
    );
    assert.equal(res.statusCode, 201);
    const note = res.json().data;
    assert.equal(note.id, first.id);
    assert.equal(note.noteId, first.id);
    assert.equal(note.fields.length, 2);
    assert.deepEqual(
      { ...note.fields[1], createdAt: 0 },
      {
        createdAt: 0,
        score: 3,
        stage: 'offer',
        text: 'Comment',
        type: 'note',
        user: tenant.superAdmin.id,
        value: 'Follow-up',
      },
    );
    await t.db
      .updateTable('ats.opportunity')
      .set({ stage_id: 'lead-reached-out' })
      .where('id', '=', opp.id)
      .execute();
  });

  it('lists notes newest first with keyset pages, and rejects foreign offset tokens', async () => {
    const o = await insertOpportunity(t.db, tenant.account.id);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (await post(tenant.auth, o.id, { value: `n${i}`, createdAt: 1_700_000_000_000 + (i % 2) })).json()
          .data.id,
      );
    const seen: string[] = [];
    let url = `${o.id}/notes?limit=2`;
    for (let pages = 0; pages < 5; pages++) {
      const res = await get(tenant.auth, url);
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.ok(Value.Check(ListEnvelope(Note), body));
      assert.equal(
        body.data.every((n: { noteId?: string }) => n.noteId === undefined),
        true,
      );
      seen.push(...body.data.map((n: { id: string }) => n.id));
      if (!body.hasNext) {
        assert.equal('next' in body, false);
        break;
      }
      url = `${o.id}/notes?limit=2&offset=${encodeURIComponent(String(body.next))}`;
    }
    assert.deepEqual([...seen].sort(), [...ids].sort());
    assert.equal(new Set(seen).size, 5);
    const bad = await get(
      tenant.auth,
      `${o.id}/notes?offset=${encodeURIComponent('%5B%22files%22%2C1%2C%22x%22%5D')}`,
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /^Invalid offset token/);
    assert.equal((await get(tenant.auth, `${o.id}/notes?limit=101`)).statusCode, 400);
  });

  it('hides secret notes from credentials without confidential access', async () => {
    const o = await insertOpportunity(t.db, tenant.account.id);
    const secret = (await post(tenant.auth, o.id, { value: 'Comp expectations', secret: true })).json().data;
    assert.equal(secret.secret, true);
    await post(tenant.auth, o.id, { value: 'Open note' });
    const plain = (await get(tenant.auth, `${o.id}/notes`))
      .json()
      .data.map((n: { value?: string; fields: { value: string }[] }) => n.fields[0]!.value);
    assert.deepEqual(plain, ['Open note']);
    assert.equal((await get(tenant.auth, `${o.id}/notes/${secret.id}`)).statusCode, 404);
    assert.equal((await post(tenant.auth, o.id, { value: 'c' }, `?note_id=${secret.id}`)).statusCode, 404);
    const all = (await get(tenant.confidentialAuth, `${o.id}/notes`)).json().data;
    assert.equal(all.length, 2);
    assert.equal((await get(tenant.confidentialAuth, `${o.id}/notes/${secret.id}`)).json().data.secret, true);
  });

  it('applies the visibility rule: confidential opportunities and limited team members', async () => {
    const confidential = await insertOpportunity(t.db, tenant.account.id, { confidential: true });
    assert.equal((await get(tenant.auth, `${confidential.id}/notes`)).statusCode, 404);
    assert.equal((await post(tenant.auth, confidential.id, { value: 'x' })).statusCode, 404);
    assert.equal((await post(tenant.confidentialAuth, confidential.id, { value: 'x' })).statusCode, 201);
    const limited = limitedMemberAuth(t.ctx, tenant.account.id, tenant.limitedMember.id);
    const theirs = await insertOpportunity(t.db, tenant.account.id, {
      postingOwnerId: tenant.limitedMember.id,
    });
    assert.equal((await get(limited, `${opp.id}/notes`)).statusCode, 404);
    assert.equal((await post(limited, opp.id, { value: 'x' })).statusCode, 404);
    assert.equal((await post(limited, theirs.id, { value: 'mine' })).statusCode, 201);
    assert.equal((await get(limited, `${theirs.id}/notes`)).json().data.length, 1);
  });

  it('deletes a note (204, empty body); it is gone afterwards', async () => {
    const note = (await post(tenant.auth, opp.id, { value: 'to delete' })).json().data;
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/v1/opportunities/${opp.id}/notes/${note.id}`,
      headers: { authorization: other.auth },
    });
    assert.equal(foreign.statusCode, 404);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/v1/opportunities/${opp.id}/notes/${note.id}`,
      headers: { authorization: tenant.auth },
    });
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
    assert.equal((await get(tenant.auth, `${opp.id}/notes/${note.id}`)).statusCode, 404);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/v1/opportunities/${opp.id}/notes/${note.id}`,
      headers: { authorization: tenant.auth },
    });
    assert.equal(again.statusCode, 404);
    assert.equal((await get(tenant.auth, `${opp.id}/notes/not-a-uuid`)).statusCode, 404);
  });
});
