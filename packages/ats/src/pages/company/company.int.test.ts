// Settings › Company: only Super Admins and Admins (a 403 page that says why for others, sign-in for
// nobody); add, rename (carried onto postings) and remove; a duplicate name or removing something in use
// changes nothing and says why.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createAtsTestApp,
  createTestTenant,
  countRows,
  type AtsTestApp,
  type TestTenant,
} from '../../test-support.ts';
import { Browser, csrfFrom, setPassword } from '../../oauth/oauth-test-support.ts';

const PATH = '/ats/settings/company';

describe('Settings › Company pages', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let admin: Browser;

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db, 'company');
      await setPassword(t.db, tenant.superAdmin);
      await setPassword(t.db, tenant.limitedMember);
      admin = new Browser(t.app);
      await admin.signIn(tenant.superAdmin.email);
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  const submit = async (url: string, form: Record<string, string> = {}) => {
    const page = await admin.get(PATH);
    return admin.post(url, { ...form, _csrf: csrfFrom(page.body) });
  };
  const idOf = async (table: 'ats.location' | 'ats.department' | 'ats.team', name: string) =>
    (
      await t.db
        .selectFrom(table)
        .select('id')
        .where('account_id', '=', tenant.account.id)
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id;

  it('sends nobody to sign-in and tells a Limited Team Member why not', async () => {
    const anonymous = await new Browser(t.app).get(PATH);
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, `/ats/sign-in?returnTo=${encodeURIComponent(PATH)}`);
    const limited = new Browser(t.app);
    await limited.signIn(tenant.limitedMember.email);
    const res = await limited.get(PATH);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Super Admins and Admins only/);
    assert.match(res.body, /limited team member/);
    const post = await limited.post(`${PATH}/locations`, {
      name: 'Nope',
      _csrf: (JSON.parse((await limited.get('/ats/api/csrf')).body) as { csrfToken: string }).csrfToken,
    });
    assert.equal(post.statusCode, 403);
    assert.equal(await countRows(t.db, 'ats.location'), 0);
  });

  it('refuses a post without the CSRF token', async () => {
    const res = await admin.post(`${PATH}/locations`, { name: 'Lisbon' });
    assert.equal(res.statusCode, 403);
    assert.equal(await countRows(t.db, 'ats.location'), 0);
  });

  it('adds locations, departments and teams; a blank or duplicate name keeps the input and adds nothing', async () => {
    for (const [kind, form] of [
      ['locations', { name: 'Lisbon, Portugal' }],
      ['departments', { name: 'Engineering' }],
      ['departments', { name: 'Sales' }],
    ] as const) {
      const res = await submit(`${PATH}/${kind}`, form);
      assert.equal(res.statusCode, 303, kind);
    }
    const engineering = await idOf('ats.department', 'Engineering');
    assert.equal(
      (await submit(`${PATH}/teams`, { name: '  Perception ', departmentId: engineering })).statusCode,
      303,
    );
    const page = await admin.get(PATH);
    assert.match(page.body, /Added “Perception”\./);
    assert.match(page.body, /Team in Engineering/);

    const counts = async () => [await countRows(t.db, 'ats.location'), await countRows(t.db, 'ats.team')];
    const before = await counts();
    const dup = await submit(`${PATH}/locations`, { name: 'Lisbon, Portugal' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /There is already a location called “Lisbon, Portugal”/);
    assert.match(
      dup.body,
      /id="add-locations"[^>]*value="Lisbon, Portugal"|value="Lisbon, Portugal"[^>]*id="add-locations"/,
    );
    assert.equal((await submit(`${PATH}/locations`, { name: '   ' })).statusCode, 400);
    const noDept = await submit(`${PATH}/teams`, { name: 'Orphans' });
    assert.equal(noDept.statusCode, 400);
    assert.match(noDept.body, /Choose the department the team belongs to/);
    assert.deepEqual(await counts(), before);
  });

  it('renames a location and a team, carrying the new names onto postings', async () => {
    const posting = await t.db
      .insertInto('ats.posting')
      .values({
        account_id: tenant.account.id,
        text: 'Vision Engineer',
        location: 'Lisbon, Portugal',
        all_locations: ['Lisbon, Portugal'],
        department: 'Engineering',
        team: 'Perception',
      } as never)
      .returningAll()
      .executeTakeFirstOrThrow();
    assert.equal(
      (
        await submit(`${PATH}/locations/${await idOf('ats.location', 'Lisbon, Portugal')}/rename`, {
          name: 'Lisbon, PT',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await submit(`${PATH}/teams/${await idOf('ats.team', 'Perception')}/rename`, {
          name: 'Computer Vision',
        })
      ).statusCode,
      303,
    );
    const after = await t.db
      .selectFrom('ats.posting')
      .selectAll()
      .where('id', '=', posting.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [after.location, after.all_locations, after.team, after.department],
      ['Lisbon, PT', ['Lisbon, PT'], 'Computer Vision', 'Engineering'],
    );
    assert.ok(after.updated_at > posting.updated_at);
  });

  it('reports each posting a rename changed as postingUpdated, so subscribed apps see it at once', async () => {
    const events = await t.db
      .selectFrom('ats.event_log')
      .select(['event', 'data'])
      .where('account_id', '=', tenant.account.id)
      .where('event', '=', 'postingUpdated')
      .execute();
    const vision = await t.db
      .selectFrom('ats.posting')
      .select('id')
      .where('text', '=', 'Vision Engineer')
      .executeTakeFirstOrThrow();
    // The location rename and the team rename each touched the posting once.
    assert.equal(
      events.filter((e) => (e.data as unknown as { postingId: string }).postingId === vision.id).length,
      2,
    );
  });

  it('refuses to remove what a posting uses, or a department with teams, and removes what is unused', async () => {
    const before = [
      await countRows(t.db, 'ats.location'),
      await countRows(t.db, 'ats.department'),
      await countRows(t.db, 'ats.team'),
    ];
    const inUse = await submit(`${PATH}/locations/${await idOf('ats.location', 'Lisbon, PT')}/remove`);
    assert.equal(inUse.statusCode, 409);
    assert.match(
      inUse.body,
      /“Lisbon, PT” is used by 1 posting \(“Vision Engineer”\)\. Change the location on that posting first; nothing was removed\./,
    );
    const withTeams = await submit(
      `${PATH}/departments/${await idOf('ats.department', 'Engineering')}/remove`,
    );
    assert.equal(withTeams.statusCode, 409);
    assert.match(withTeams.body, /“Engineering” still has 1 team/);
    const team = await submit(`${PATH}/teams/${await idOf('ats.team', 'Computer Vision')}/remove`);
    assert.equal(team.statusCode, 409);
    assert.deepEqual(before, [
      await countRows(t.db, 'ats.location'),
      await countRows(t.db, 'ats.department'),
      await countRows(t.db, 'ats.team'),
    ]);

    assert.equal(
      (await submit(`${PATH}/departments/${await idOf('ats.department', 'Sales')}/remove`)).statusCode,
      303,
    );
    assert.match((await admin.get(PATH)).body, /Removed “Sales”\./);
    const gone = await submit(`${PATH}/departments/00000000-0000-4000-8000-000000000000/remove`);
    assert.equal(gone.statusCode, 404);
  });
});
