import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyPassword } from '@hireloop/platform/passwords';
import { ACCESS_ROLES } from '@hireloop/lever/wire';
import { countRows, createAtsTestApp, type AtsTestApp } from '../test-support.ts';
import type { AtsDb } from '../db.ts';
import { seedDemo } from './demo.seed.ts';
import { seedScale } from './scale.seed.ts';
import { DEMO_PASSWORD } from './demo-company.ts';
import { DEMO_OPPORTUNITIES } from './demo-content.ts';

const TABLES: (keyof AtsDb)[] = [
  'ats.account',
  'ats.user',
  'ats.location',
  'ats.department',
  'ats.team',
  'ats.posting',
  'ats.contact',
  'ats.opportunity',
  'ats.application',
  'ats.stage_change',
  'ats.note',
  'ats.file',
  'ats.referral',
  'ats.offer',
];

describe('seeds', () => {
  let t: AtsTestApp;
  before(async () => {
    t = await createAtsTestApp();
  });
  after(() => t.close());

  it('seedDemo creates the acme account with every role, structure and content, and is idempotent', async () => {
    const first = await seedDemo(t.db, { publicUrl: 'http://localhost:3000' });
    assert.equal(first.site, 'acme');
    assert.equal(first.created, true);
    assert.equal(first.content?.opportunities, DEMO_OPPORTUNITIES);
    const counts = Object.fromEntries(
      await Promise.all(TABLES.map(async (n) => [n, await countRows(t.db, n)])),
    );

    const second = await seedDemo(t.db, { publicUrl: 'http://localhost:3000' });
    assert.equal(second.created, false);
    assert.equal(second.content, undefined);
    assert.equal(second.accountId, first.accountId);
    for (const table of TABLES) assert.equal(await countRows(t.db, table), counts[table], table);

    const users = await t.db
      .selectFrom('ats.user')
      .selectAll()
      .where('account_id', '=', first.accountId)
      .execute();
    assert.deepEqual([...new Set(users.map((u) => u.access_role))].sort(), [...ACCESS_ROLES].sort());
    const signIn = users.find((u) => u.email === first.signIn[0]?.email);
    assert.equal(await verifyPassword(DEMO_PASSWORD, signIn?.password_hash), true);
  });

  it('the demo content has the variety the apps need', async () => {
    const postings = await t.db.selectFrom('ats.posting').selectAll().execute();
    assert.ok(postings.length >= 18 && postings.length <= 22);
    for (const state of ['published', 'internal', 'draft', 'closed'])
      assert.ok(
        postings.some((p) => p.state === state),
        state,
      );
    for (const w of ['remote', 'hybrid', 'on-site'])
      assert.ok(
        postings.some((p) => p.workplace_type === w),
        w,
      );
    assert.equal(postings.filter((p) => p.confidentiality === 'confidential').length, 1);
    assert.ok(postings.some((p) => p.tags.includes('referralbonus:3000')));
    assert.ok(postings.some((p) => p.tags.includes('referralbonus:Win an iPad')));
    assert.equal(await countRows(t.db, 'ats.location'), 6);

    const opps = await t.db.selectFrom('ats.opportunity').selectAll().execute();
    assert.ok(new Set(opps.map((o) => o.stage_id)).size >= 7, 'spread across stages');
    assert.ok(opps.some((o) => o.tags.includes('Referral') && o.origin === 'referred'));
    for (const s of ['LinkedIn', 'Referral', 'Job board', 'Careers page', 'Agency'])
      assert.ok(
        opps.some((o) => o.sources.includes(s)),
        s,
      );
    const hired = await t.db
      .selectFrom('ats.opportunity')
      .innerJoin('ats.archive_reason', 'ats.archive_reason.id', 'ats.opportunity.archive_reason_id')
      .innerJoin('ats.offer', 'ats.offer.opportunity_id', 'ats.opportunity.id')
      .select(['ats.offer.fields'])
      .where('ats.archive_reason.type', '=', 'hired')
      .execute();
    assert.ok(hired.length >= 1, 'some hires with offers');
    assert.ok(
      hired.every((h) =>
        h.fields.some((f) => f.identifier === 'anticipated_start_date' && typeof f.value === 'number'),
      ),
    );
    assert.ok((await countRows(t.db, 'ats.referral')) > 0);
    assert.ok((await countRows(t.db, 'ats.note')) > 50);

    const resume = await t.db
      .selectFrom('ats.file')
      .innerJoin('ats.file_blob', 'ats.file_blob.file_id', 'ats.file.id')
      .select(['ats.file.size', 'ats.file_blob.bytes', 'ats.file.content_type'])
      .where('ats.file.kind', '=', 'resume')
      .executeTakeFirstOrThrow();
    assert.equal(resume.content_type, 'application/pdf');
    assert.equal(resume.bytes.length, resume.size);
    const text = Buffer.from(resume.bytes).toString('latin1');
    assert.ok(text.startsWith('%PDF-1.4') && text.trimEnd().endsWith('%%EOF'));
    // The xref offset after `startxref` points at the xref table.
    const at = Number(/startxref\n(\d+)/.exec(text)?.[1]);
    assert.equal(text.slice(at, at + 4), 'xref');
  });

  it('seedScale adds N opportunities in batches with progress ticks', async () => {
    const before = await countRows(t.db, 'ats.opportunity');
    const ticks: number[] = [];
    let total = 0;
    const result = await seedScale(t.db, 'acme', 2_500, (_label, n) => {
      total = n;
      return { tick: (k = 1) => void ticks.push(k), done() {} };
    });
    assert.equal(result.created, 2_500);
    assert.equal(total, 2_500);
    assert.deepEqual(ticks, [2_000, 500]);
    assert.equal((await countRows(t.db, 'ats.opportunity')) - before, 2_500);
    await assert.rejects(seedScale(t.db, 'nope', 1), /No account with site "nope"/);
  });
});
