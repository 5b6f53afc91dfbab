import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { ListEnvelope, Offer, Referral, SingleEnvelope } from '@hireloop/lever/wire';
import {
  countRows,
  createAtsTestApp,
  createTestTenant,
  type AtsTestApp,
  type TestTenant,
} from '../../../test-support.ts';
import type { Row } from '../../../db.ts';
import { createReferral } from '../../../domain/referrals/referral.service.ts';
import { createOffer } from '../../../domain/offers/offer.service.ts';
import { OFFER_START_DATE_IDENTIFIER } from '../../../domain/offers/offer-fields.ts';
import { insertOpportunity, limitedMemberAuth } from './records.test-factory.ts';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('/v1 opportunity referrals and offers', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let opp: Row<'ats.opportunity'>;
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

  describe('referrals', () => {
    it('rejects without auth, with another tenant’s key, and without the permission', async () => {
      const referral = await createReferral(t.db, {
        opportunity: opp,
        referrerId: tenant.superAdmin.id,
        referrerName: 'Sam Super',
      });
      assert.equal((await t.app.inject({ url: `/v1/opportunities/${opp.id}/referrals` })).statusCode, 401);
      assert.equal((await get(other.auth, `${opp.id}/referrals`)).statusCode, 404);
      assert.equal((await get(other.auth, `${opp.id}/referrals/${referral.id}`)).statusCode, 404);
      const noList = await get(await tenant.key(['referrals:read']), `${opp.id}/referrals`);
      assert.equal(noList.statusCode, 403);
      assert.equal(noList.json().permission, 'referrals:list');
      assert.equal(
        (await get(await tenant.key(['referrals:list']), `${opp.id}/referrals/${referral.id}`)).json()
          .permission,
        'referrals:read',
      );
    });

    it('lists and gets completed referral forms in Lever’s shape', async () => {
      const o = await insertOpportunity(t.db, tenant.account.id, { stageId: 'applicant-new' });
      const at = new Date(1_750_000_000_000);
      const referral = await createReferral(t.db, {
        opportunity: o,
        referrerId: tenant.superAdmin.id,
        referrerName: 'Sam Super',
        relationship: 'Former colleague',
        comments: 'Great engineer',
        createdAt: at,
      });
      const list = await get(tenant.auth, `${o.id}/referrals`);
      assert.equal(list.statusCode, 200);
      assert.ok(Value.Check(ListEnvelope(Referral), list.json()));
      const field = (text: string, value: string, required: boolean, type = 'text') => ({
        type,
        text,
        description: '',
        required,
        value,
        prompt: '',
        options: [],
      });
      const expected = {
        id: referral.id,
        type: 'referral',
        text: 'Referral',
        instructions: 'Tell us about the person you are referring.',
        fields: [
          field('Name of referrer', 'Sam Super', true),
          field('Relationship', 'Former colleague', false),
          field('Comments', 'Great engineer', false, 'textarea'),
        ],
        baseTemplateId: null,
        user: tenant.superAdmin.id,
        referrer: tenant.superAdmin.id,
        stage: 'applicant-new',
        createdAt: at.getTime(),
        completedAt: at.getTime(),
      };
      assert.deepEqual(list.json(), { data: [expected], hasNext: false });
      const one = await get(tenant.auth, `${o.id}/referrals/${referral.id}`);
      assert.ok(Value.Check(SingleEnvelope(Referral), one.json()));
      assert.deepEqual(one.json(), { data: expected });
      assert.equal((await get(tenant.auth, `${opp.id}/referrals/${referral.id}`)).statusCode, 404);
      assert.equal((await get(tenant.auth, `${o.id}/referrals/nope`)).statusCode, 404);
    });

    it('has no write endpoint (Lever’s referrals are read-only)', async () => {
      const before = await countRows(t.db, 'ats.referral');
      const res = await t.app.inject({
        method: 'POST',
        url: `/v1/opportunities/${opp.id}/referrals`,
        headers: { authorization: tenant.auth },
        payload: {},
      });
      assert.equal(res.statusCode, 404);
      assert.equal(await countRows(t.db, 'ats.referral'), before);
    });
  });

  describe('offers', () => {
    const sent = Buffer.concat([Buffer.from('%PDF-1.5\n'), Buffer.from('offer letter body')]);
    const signed = Buffer.concat([Buffer.from('%PDF-1.5\n'), Buffer.from('signed offer letter')]);

    it('rejects without auth, with another tenant’s key, and without the (download) permission', async () => {
      const offer = await createOffer(t.db, {
        opportunity: opp,
        sentDocument: { name: 'offer.pdf', bytes: sent },
      });
      assert.equal((await t.app.inject({ url: `/v1/opportunities/${opp.id}/offers` })).statusCode, 401);
      assert.equal((await get(other.auth, `${opp.id}/offers`)).statusCode, 404);
      assert.equal((await get(other.auth, `${opp.id}/offers/${offer.id}/download`)).statusCode, 404);
      const noDownload = await get(
        await tenant.key(['offers:list']),
        `${opp.id}/offers/${offer.id}/download`,
      );
      assert.equal(noDownload.statusCode, 403);
      assert.equal(noDownload.json().permission, 'offers:download');
      assert.equal(
        (await get(await tenant.key(['offers:download']), `${opp.id}/offers`)).json().permission,
        'offers:list',
      );
    });

    it('lists offers with fields (start date in ms under its identifier), signatures and documents', async () => {
      const o = await insertOpportunity(t.db, tenant.account.id, {
        postingOwnerId: tenant.superAdmin.id,
        stageId: 'offer',
      });
      const startDate = new Date(Date.UTC(2026, 2, 2));
      const created = new Date(1_760_000_000_000);
      const signature = {
        role: 'candidate',
        name: 'Casey Candidate',
        email: 'casey@example.com',
        firstOpenedAt: 1_760_000_100_000,
        lastOpenedAt: 1_760_000_200_000,
        signedAt: 1_760_000_300_000,
        signed: true,
      };
      const offer = await createOffer(t.db, {
        opportunity: o,
        status: 'signed',
        creatorId: tenant.superAdmin.id,
        startDate,
        salary: { amount: 120000, currency: 'EUR', interval: 'per-year-salary' },
        signatures: { candidate: signature },
        approvedAt: new Date(1_760_000_050_000),
        sentAt: new Date(1_760_000_060_000),
        signedAt: new Date(1_760_000_300_000),
        sentDocument: { name: 'offer.pdf', bytes: sent },
        signedDocument: { name: 'offer-signed.pdf', bytes: signed },
        createdAt: created,
      });
      const draft = await createOffer(t.db, {
        opportunity: o,
        createdAt: new Date(created.getTime() - 1000),
      });
      const res = await get(tenant.auth, `${o.id}/offers`);
      assert.equal(res.statusCode, 200);
      assert.ok(Value.Check(ListEnvelope(Offer), res.json()));
      const [first, second] = res.json().data;
      const base = `${t.ctx.publicUrl}/v1/opportunities/${o.id}/offers/${offer.id}/download`;
      assert.deepEqual(first, {
        id: offer.id,
        posting: o.posting_id,
        createdAt: created.getTime(),
        status: 'signed',
        creator: tenant.superAdmin.id,
        fields: [
          {
            text: 'Anticipated start date',
            identifier: 'anticipated_start_date',
            value: startDate.getTime(),
          },
          { text: 'Salary', identifier: 'salary_amount', value: 120000 },
          { text: 'Salary currency', identifier: 'salary_currency', value: 'EUR' },
          { text: 'Salary interval', identifier: 'salary_interval', value: 'per-year-salary' },
        ],
        signatures: { candidate: signature },
        approved: true,
        approvedAt: 1_760_000_050_000,
        sentAt: 1_760_000_060_000,
        sentDocument: {
          fileName: 'offer.pdf',
          uploadedAt: first.sentDocument.uploadedAt,
          downloadUrl: `${base}?document=sent`,
        },
        signedDocument: {
          fileName: 'offer-signed.pdf',
          uploadedAt: first.signedDocument.uploadedAt,
          downloadUrl: `${base}?document=signed`,
        },
      });
      assert.equal(OFFER_START_DATE_IDENTIFIER, 'anticipated_start_date');
      assert.deepEqual(second, {
        id: draft.id,
        posting: o.posting_id,
        createdAt: created.getTime() - 1000,
        status: 'draft',
        creator: null,
        fields: [],
        signatures: {},
        approved: false,
        approvedAt: null,
        sentAt: null,
        sentDocument: null,
        signedDocument: null,
      });
      assert.equal(res.json().hasNext, false);

      const path = (q = '') => `${o.id}/offers/${offer.id}/download${q}`;
      const latest = await get(tenant.auth, path());
      assert.equal(latest.statusCode, 200);
      assert.equal(sha(latest.rawPayload), sha(signed));
      assert.equal(latest.headers['content-type'], 'application/pdf');
      assert.equal(latest.headers['x-content-type-options'], 'nosniff');
      assert.match(String(latest.headers['content-disposition']), /^attachment; filename="offer-signed.pdf"/);
      assert.equal(sha((await get(tenant.auth, path('?document=sent'))).rawPayload), sha(sent));
      assert.equal((await get(tenant.auth, path('?document=other'))).statusCode, 400);
      const none = await get(tenant.auth, `${o.id}/offers/${draft.id}/download`);
      assert.equal(none.statusCode, 404);
      assert.equal(none.json().code, 'NotFoundError');
      assert.equal((await get(tenant.auth, `${opp.id}/offers/${offer.id}/download`)).statusCode, 404);
    });

    it('applies the visibility rule: confidential opportunities and limited team members', async () => {
      const confidential = await insertOpportunity(t.db, tenant.account.id, { confidential: true });
      await createOffer(t.db, { opportunity: confidential });
      assert.equal((await get(tenant.auth, `${confidential.id}/offers`)).statusCode, 404);
      assert.equal((await get(tenant.confidentialAuth, `${confidential.id}/offers`)).json().data.length, 1);
      const limited = limitedMemberAuth(t.ctx, tenant.account.id, tenant.limitedMember.id);
      assert.equal((await get(limited, `${opp.id}/offers`)).statusCode, 404);
      assert.equal((await get(limited, `${opp.id}/referrals`)).statusCode, 404);
      const theirs = await insertOpportunity(t.db, tenant.account.id, {
        postingOwnerId: tenant.limitedMember.id,
      });
      assert.deepEqual((await get(limited, `${theirs.id}/offers`)).json(), { data: [], hasNext: false });
    });

    it('refuses an unknown status when creating an offer, storing nothing', async () => {
      const before = await countRows(t.db, 'ats.offer');
      await assert.rejects(createOffer(t.db, { opportunity: opp, status: 'bogus' as 'draft' }), /status/);
      assert.equal(await countRows(t.db, 'ats.offer'), before);
    });
  });
});
