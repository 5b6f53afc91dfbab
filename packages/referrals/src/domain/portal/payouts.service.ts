// "Mark paid": appends a `paid` entry to the ledger of a referral whose payout is due. The referral row is
// locked first so two admins clicking at once append one entry, not two. Nothing is edited in place.
import type { ReferralsContext } from '../../context.ts';
import type { AppUser } from '../orgs/user.repository.ts';
import { appendPayout, currentPayoutState } from '../referrals/referral.repository.ts';
import { PortalError } from './portal-errors.ts';

export async function markPaid(ctx: ReferralsContext, admin: AppUser, referralId: string, note?: string) {
  if (!/^[0-9a-f-]{36}$/i.test(referralId)) throw new PortalError('No such referral', { status: 404 });
  return ctx.db.transaction().execute(async (trx) => {
    const referral = await trx
      .selectFrom('referrals.referral')
      .selectAll()
      .where('organization_id', '=', admin.organization_id)
      .where('id', '=', referralId)
      .forUpdate()
      .executeTakeFirst();
    if (!referral) throw new PortalError('No such referral', { status: 404 });
    const state = await currentPayoutState(trx, admin.organization_id, referral.id);
    if (state !== 'due')
      throw new PortalError(`The reward is ${state ?? 'not set'}, not due`, { status: 409 });
    await appendPayout(trx, {
      organizationId: admin.organization_id,
      referral,
      state: 'paid',
      note: note?.trim().slice(0, 500) || undefined,
      createdBy: admin.id,
    });
    return referral;
  });
}

/** Every referral whose reward is due or paid, with its latest state (the payouts page and API). */
export async function listPayoutLedger(ctx: ReferralsContext, organizationId: string) {
  return ctx.db
    .selectFrom('referrals.payout as p')
    .innerJoin('referrals.referral as r', 'r.id', 'p.referral_id')
    .leftJoin('referrals.app_user as u', 'u.id', 'r.referrer_id')
    .select([
      'p.id',
      'p.referral_id',
      'p.state',
      'p.amount',
      'p.currency',
      'p.reward_text',
      'p.note',
      'p.created_at',
      'r.candidate_name',
      'r.job_title',
      'u.name as referrer_name',
      'u.email as referrer_email',
    ])
    .where('p.organization_id', '=', organizationId)
    .orderBy('p.created_at', 'desc')
    .limit(500)
    .execute();
}
