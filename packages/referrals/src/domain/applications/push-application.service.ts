// Pushes one stored application to the ATS: the opportunity (posting, stage for new referrals, origin
// `referred`, source = source label, tags [Referral tag, source label], resume), then the note (endorsement
// and who referred), the cover letter and the referrer's resume as files. Attribution (decided, documented
// in docs/referrals.md): when the ATS has a user with the referrer's email, the opportunity is created
// `perform_as` that user (Lever shows them as the one who added / sourced the candidate and makes them a
// follower) while the posting owner stays the owner; otherwise it is created as the posting owner
// (`perform_as_posting_owner`) and the note names the referrer.
import type { LeverClient, Opportunity, Posting } from '@hireloop/lever';
import type { ReferralsContext } from '../../context.ts';
import type { ApplicationRow, ReferralRow } from '../../db.ts';
import { withLever } from '../connection/connection.service.ts';
import { getSettings } from '../orgs/org.repository.ts';
import { findUser } from '../orgs/user.repository.ts';
import { setReferralOpportunity } from '../referrals/referral.repository.ts';
import { applyOpportunityState, opportunityState } from '../referrals/status.service.ts';
import {
  claimApplication,
  finishApplication,
  recordStep,
  type ApplicationStep,
} from './application.repository.ts';
import { applicationMarker } from './tracking.ts';

export async function pushApplication(
  ctx: ReferralsContext,
  organizationId: string,
  applicationId: string,
): Promise<'done' | 'busy'> {
  const application = await claimApplication(ctx.db, organizationId, applicationId);
  if (!application) return 'busy';
  try {
    await runSteps(ctx, application);
    await finishApplication(ctx.db, application.id);
    return 'done';
  } catch (error) {
    await finishApplication(ctx.db, application.id, String((error as Error).message ?? error));
    throw error;
  }
}

async function runSteps(ctx: ReferralsContext, app: ApplicationRow): Promise<void> {
  const org = app.organization_id;
  const referral = await ctx.db
    .selectFrom('referrals.referral')
    .selectAll()
    .where('organization_id', '=', org)
    .where('id', '=', app.referral_id)
    .executeTakeFirstOrThrow();
  const referrer = referral.referrer_id ? await findUser(ctx.db, org, referral.referrer_id) : undefined;
  const done = new Set<string>(app.steps);
  await withLever(ctx, org, async (client) => {
    const atsUser = referrer ? await referrerAtsUser(ctx, client, referrer) : undefined;
    let opportunityId = app.ats_opportunity_id ?? undefined;
    if (!opportunityId) {
      const opportunity =
        (await findEarlierCreate(ctx, client, app)) ??
        (await createOpportunity(ctx, client, app, referral, atsUser));
      opportunityId = opportunity.id;
      await ctx.db.transaction().execute(async (trx) => {
        await recordStep(trx, app.id, 'opportunity', { atsOpportunityId: opportunity.id });
        await setReferralOpportunity(trx, org, referral.id, {
          opportunityId: opportunity.id,
          contactId: opportunity.contact,
          stageId: typeof opportunity.stage === 'string' ? opportunity.stage : null,
        });
        await applyOpportunityState(ctx, trx, {
          organizationId: org,
          opportunityId: opportunity.id,
          state: opportunityState(opportunity),
          source: 'created',
        });
      });
    }
    // A step of an earlier run may have reached the ATS with only its answer lost (a 5xx or timeout after
    // the write, a crash before recordStep): when this is not the first run, look before writing again.
    const rerun = app.attempts > 0 || app.steps.length > 0;
    const step = async (
      name: ApplicationStep,
      run: () => Promise<unknown>,
      isThere: () => Promise<boolean>,
    ) => {
      if (done.has(name)) return;
      if (!(rerun && (await isThere()))) await run();
      await recordStep(ctx.db, app.id, name);
    };
    const hasFile = async (filename: string) => {
      for await (const f of client.opportunities.files.list(opportunityId))
        if (f.name === filename) return true;
      return false;
    };
    const performAs = atsUser ? { performAs: atsUser } : {};
    const note = referralNote(referral, referrer, !!atsUser);
    await step(
      'note',
      () => client.opportunities.notes.create(opportunityId, { value: note }, performAs),
      async () => {
        for await (const n of client.opportunities.notes.list(opportunityId))
          if (n.fields.some((f) => f.value === note)) return true;
        return false;
      },
    );
    if (app.cover_letter)
      await step(
        'cover_letter',
        () =>
          client.opportunities.files.upload(
            opportunityId,
            {
              data: Buffer.from(app.cover_letter!, 'utf8'),
              filename: 'cover-letter.txt',
              contentType: 'text/plain',
            },
            performAs,
          ),
        () => hasFile('cover-letter.txt'),
      );
    if (referral.resume_bytes) {
      const filename = `referrer-${referral.resume_name ?? 'resume'}`;
      await step(
        'referrer_resume',
        () =>
          client.opportunities.files.upload(
            opportunityId,
            {
              data: referral.resume_bytes!,
              filename,
              contentType: referral.resume_type ?? 'application/octet-stream',
            },
            performAs,
          ),
        () => hasFile(filename),
      );
    }
  });
}

/** The ATS user with the referrer's email (cached on the app user), or undefined. */
async function referrerAtsUser(
  ctx: ReferralsContext,
  client: LeverClient,
  referrer: { id: string; organization_id: string; email: string; ats_user_id: string | null },
): Promise<string | undefined> {
  if (referrer.ats_user_id) return referrer.ats_user_id;
  const user = await client.users.findByEmail(referrer.email);
  if (!user || user.deactivatedAt) return undefined;
  await ctx.db
    .updateTable('referrals.app_user')
    .set({ ats_user_id: user.id })
    .where('organization_id', '=', referrer.organization_id)
    .where('id', '=', referrer.id)
    .execute();
  return user.id;
}

async function findEarlierCreate(
  ctx: ReferralsContext,
  client: LeverClient,
  app: ApplicationRow,
): Promise<Opportunity | undefined> {
  const marker = applicationMarker(ctx.publicUrl, app.id);
  for await (const opportunity of client.opportunities.list({ email: [app.email] }))
    if (opportunity.links.includes(marker)) return opportunity;
  return undefined;
}

async function createOpportunity(
  ctx: ReferralsContext,
  client: LeverClient,
  app: ApplicationRow,
  referral: ReferralRow,
  atsUser: string | undefined,
): Promise<Opportunity> {
  const settings = await getSettings(ctx.db, app.organization_id);
  const posting: Posting | undefined = referral.ats_posting_id
    ? await client.postings.get(referral.ats_posting_id)
    : undefined;
  const postingOwner = posting?.owner ?? posting?.hiringManager ?? posting?.user ?? undefined;
  const performAs = atsUser ?? postingOwner;
  if (!performAs) throw new Error('The posting has no owner to create the opportunity as');
  const created = await client.opportunities.create(
    {
      name: app.name,
      emails: [app.email],
      ...(app.phone ? { phones: [{ value: app.phone, type: 'mobile' }] } : {}),
      ...(referral.ats_posting_id ? { postings: [referral.ats_posting_id] } : {}),
      stage: settings.new_referral_stage_id,
      origin: 'referred',
      sources: [settings.source_label],
      tags: [settings.referral_tag, settings.source_label],
      links: [applicationMarker(ctx.publicUrl, app.id)],
      ...(atsUser && postingOwner ? { owner: postingOwner } : {}),
    },
    {
      performAs,
      performAsPostingOwner: !atsUser && Boolean(postingOwner),
      ...(app.resume_bytes
        ? {
            resumeFile: {
              data: app.resume_bytes,
              filename: app.resume_name ?? 'resume',
              contentType: app.resume_type ?? 'application/octet-stream',
            },
          }
        : {}),
    },
  );
  return created.data;
}

export function referralNote(
  referral: Pick<ReferralRow, 'type' | 'relationship' | 'endorsement' | 'channel'>,
  referrer: { name: string; email: string } | undefined,
  referrerIsAtsUser: boolean,
): string {
  const who = referrer ? `${referrer.name || referrer.email} <${referrer.email}>` : 'a former referrer';
  const kind = referral.type === 'external' ? 'external referrer' : 'employee';
  const how = referral.channel === 'link' ? ' (applied through their personal referral link)' : '';
  return [
    `Referred by ${who}, ${kind}${how}, through Hireloop Referrals.${referrerIsAtsUser ? '' : ' The referrer has no user in this ATS.'}`,
    ...(referral.relationship ? [`Relationship: ${referral.relationship}`] : []),
    ...(referral.endorsement ? ['', 'Endorsement:', referral.endorsement] : []),
  ].join('\n');
}
