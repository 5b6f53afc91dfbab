import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { ListEnvelope, SingleEnvelope, User } from '@hireloop/lever/wire';
import {
  countRows,
  createAtsTestApp,
  createTestTenant,
  type AtsTestApp,
  type TestTenant,
} from '../../test-support.ts';

/** Schema conformance as a plain boolean (Value.Check would narrow the body's type for the rest of the test). */
const conforms = (schema: TSchema, value: unknown): boolean => Value.Check(schema, value);
describe('/v1/users', () => {
  let t: AtsTestApp;
  let a: TestTenant;
  let b: TestTenant;
  const req = (auth: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: auth },
      ...(payload !== undefined && { payload: payload as object }),
    });

  before(async () => {
    t = await createAtsTestApp();
    a = await createTestTenant(t.db);
    b = await createTestTenant(t.db);
  });
  after(() => t.close());

  it('rejects without auth, with another tenant key (404), and without the permission (403)', async () => {
    assert.equal((await t.app.inject('/v1/users')).statusCode, 401);
    assert.equal((await req(b.auth, 'GET', `/v1/users/${a.superAdmin.id}`)).statusCode, 404);
    assert.equal(
      (await req(b.auth, 'PUT', `/v1/users/${a.superAdmin.id}`, { name: 'X', email: 'x@b.test' })).statusCode,
      404,
    );
    const listOnly = await a.key(['users:list']);
    const denied = await req(listOnly, 'POST', '/v1/users', { name: 'N', email: 'n@a.test' });
    assert.equal(denied.statusCode, 403);
    assert.deepEqual(denied.json(), {
      code: 'MissingPermissionError',
      message: 'This API key lacks the permission users:create',
      permission: 'users:create',
    });
    assert.equal(
      (await req(listOnly, 'GET', `/v1/users/${a.superAdmin.id}`)).json().permission,
      'users:read',
    );
    assert.equal(
      (await req(listOnly, 'POST', `/v1/users/${a.superAdmin.id}/deactivate`)).json().permission,
      'users:update',
    );
    // Other tenant's list never shows this tenant's users.
    const ids = (await req(b.auth, 'GET', '/v1/users')).json().data.map((u: { id: string }) => u.id);
    assert.ok(!ids.includes(a.superAdmin.id));
  });

  it('rejects bad input and loses nothing', async () => {
    const before = await countRows(t.db, 'ats.user');
    const cases: [unknown, RegExp][] = [
      [{ name: 'No Email' }, /email/],
      [{ name: 'Bad', email: 'not-an-email' }, /Email address is not valid/],
      [{ name: 'Role', email: 'role@a.test', accessRole: 'owner' }, /accessRole/],
      [{ name: 'Mgr', email: 'mgr@a.test', managerId: b.superAdmin.id }, /managerId/],
      [{ name: '', email: 'empty@a.test' }, /name/],
    ];
    for (const [body, message] of cases) {
      const res = await req(a.auth, 'POST', '/v1/users', body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.equal(res.json().code, 'ValidationError');
      assert.match(res.json().message, message);
    }
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: { authorization: a.auth, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    assert.equal(malformed.statusCode, 400);
    const dup = await req(a.auth, 'POST', '/v1/users', {
      name: 'Dup',
      email: `  ${a.superAdmin.email.toUpperCase()} `,
    });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.json().message, new RegExp(a.superAdmin.email.replace('.', '\\.')));
    assert.equal(dup.json().email, a.superAdmin.email);
    for (const url of [
      '/v1/users?limit=0',
      '/v1/users?limit=101',
      '/v1/users?accessRole=owner',
      '/v1/users?includeDeactivated=maybe',
      '/v1/users?email=nope',
      '/v1/users?offset=garbage',
      '/v1/users?offset=%5B%22users%22%2C%22x%22%2C%22y%22%5D',
    ]) {
      assert.equal((await req(a.auth, 'GET', url)).statusCode, 400, url);
    }
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      assert.equal((await req(a.auth, 'GET', `/v1/users/${id}`)).statusCode, 404);
      assert.equal((await req(a.auth, 'POST', `/v1/users/${id}/reactivate`)).statusCode, 404);
    }
    assert.equal(await countRows(t.db, 'ats.user'), before);
  });

  it('creates (201, interviewer by default), gets, updates, deactivates and reactivates', async () => {
    const created = await req(a.auth, 'POST', '/v1/users', {
      name: 'Ada Lovelace',
      email: 'Ada@Example.COM',
      jobTitle: 'Analyst',
      managerId: a.superAdmin.id,
    });
    assert.equal(created.statusCode, 201);
    const body = created.json();
    assert.ok(conforms(SingleEnvelope(User), body));
    const user = body.data;
    assert.deepEqual(user, {
      id: user.id,
      name: 'Ada Lovelace',
      username: 'ada',
      email: 'ada@example.com',
      accessRole: 'interviewer',
      photo: null,
      createdAt: user.createdAt,
      deactivatedAt: null,
      externalDirectoryId: null,
      linkedContactIds: null,
      jobTitle: 'Analyst',
      managerId: a.superAdmin.id,
    });
    assert.ok(Math.abs(user.createdAt - Date.now()) < 60_000);
    assert.deepEqual((await req(a.auth, 'GET', `/v1/users/${user.id}`)).json(), { data: user });

    // GET → edit → PUT round trip (nulls included) keeps what is not changed.
    const put = await req(a.auth, 'PUT', `/v1/users/${user.id}`, {
      ...user,
      name: 'Ada King',
      accessRole: 'team member',
      externalDirectoryId: 'okta-1',
    });
    assert.equal(put.statusCode, 200);
    assert.deepEqual(put.json().data, {
      ...user,
      name: 'Ada King',
      accessRole: 'team member',
      externalDirectoryId: 'okta-1',
    });
    const partial = await req(a.auth, 'PUT', `/v1/users/${user.id}`, {
      name: 'Ada King',
      email: 'ada@example.com',
    });
    assert.equal(partial.json().data.jobTitle, 'Analyst');
    assert.equal(
      (await req(a.auth, 'PUT', `/v1/users/${user.id}`, { name: 'Ada', email: a.superAdmin.email }))
        .statusCode,
      409,
    );

    const off = await req(a.auth, 'POST', `/v1/users/${user.id}/deactivate`);
    assert.equal(off.statusCode, 200);
    assert.equal(typeof off.json().data.deactivatedAt, 'number');
    const again = await req(a.auth, 'POST', `/v1/users/${user.id}/deactivate`);
    assert.equal(again.json().data.deactivatedAt, off.json().data.deactivatedAt);
    const active = (await req(a.auth, 'GET', '/v1/users')).json().data.map((u: { id: string }) => u.id);
    assert.ok(!active.includes(user.id));
    const all = (await req(a.auth, 'GET', '/v1/users?includeDeactivated=True'))
      .json()
      .data.map((u: { id: string }) => u.id);
    assert.ok(all.includes(user.id));
    const on = await req(a.auth, 'POST', `/v1/users/${user.id}/reactivate`);
    assert.equal(on.json().data.deactivatedAt, null);
  });

  it('lists with filters and walks keyset pages without gaps or repeats', async () => {
    for (let i = 0; i < 5; i++)
      await req(a.auth, 'POST', '/v1/users', {
        name: `Page ${i}`,
        email: `page${i}@a.test`,
        accessRole: 'admin',
        externalDirectoryId: `dir-${i}`,
      });
    const byEmail = (await req(a.auth, 'GET', '/v1/users?email=PAGE3@A.TEST')).json();
    assert.deepEqual(
      byEmail.data.map((u: { email: string }) => u.email),
      ['page3@a.test'],
    );
    assert.equal(byEmail.hasNext, false);
    assert.ok(!('next' in byEmail));
    const admins = (await req(a.auth, 'GET', '/v1/users?accessRole=admin&accessRole=super%20admin')).json()
      .data;
    assert.ok(
      admins.length >= 6 &&
        admins.every((u: { accessRole: string }) => ['admin', 'super admin'].includes(u.accessRole)),
    );
    assert.equal(
      (await req(a.auth, 'GET', '/v1/users?external_directory_id=dir-2')).json().data[0].email,
      'page2@a.test',
    );

    const seen: string[] = [];
    let url = '/v1/users?limit=2';
    for (let pages = 0; pages < 20; pages++) {
      const res = (await req(a.auth, 'GET', url)).json();
      assert.ok(conforms(ListEnvelope(User), res));
      seen.push(...res.data.map((u: { id: string }) => u.id));
      if (!res.hasNext) break;
      // Clients encode the token once more; both forms work.
      url = `/v1/users?limit=2&offset=${encodeURIComponent(res.next)}`;
    }
    const all = (await req(a.auth, 'GET', '/v1/users')).json().data.map((u: { id: string }) => u.id);
    assert.deepEqual(seen, all);
    assert.equal(new Set(seen).size, seen.length);
  });
});
