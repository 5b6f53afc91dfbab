// The hire → onboarding walk (DESIGN.md data flow 4), applied to a fresh snapshot of the opportunity:
//  hired, new person     → new hire (+ office/team resolved) → journey + welcome mail + manager notice,
//                          or the "needs mapping" queue when the location or team has no office/team yet;
//  hired, known person   → linked (re-hire: same row, hire_count + 1), a new journey if none is active;
//  hired, already active → fields refreshed; a new offer start date moves every due date (history says so);
//  not hired any more    → (unarchived, archived for another reason) the journey is cancelled with history;
//  deleted in the ATS    → the new hire's data removed, unless they already started (then flagged).
// Everything for one event happens in one transaction (mails are enqueued in it: outbox semantics).
import type { OnboardingContext } from '../../context.ts';
import { untyped, type NewHireRow, type OnboardingKysely } from '../../db.ts';
import { resolve } from '../matching/match.ts';
import { listMappings, listTargets, recordSeenValues } from '../matching/mapping.repository.ts';
import { findOrganization } from '../orgs/org.repository.ts';
import type { HireSnapshot } from './ats-snapshot.ts';
import {
  addHistory,
  cancelJourney,
  findActiveJourney,
  findHireByContact,
  findHireByOpportunity,
  insertHire,
  insertJourney,
  moveJourney,
  updateHire,
  type HireFields,
} from './hire.repository.ts';
import { addDays, planJourney, toIsoDate } from './journey.ts';
import { sendJourneyMails } from './hire-mail.service.ts';

export type Outcome =
  | 'created'
  | 'needs_mapping'
  | 'journey_started'
  | 'linked'
  | 'updated'
  | 'rescheduled'
  | 'cancelled'
  | 'removed'
  | 'flagged'
  | 'ignored';

async function resolveBoth(
  db: OnboardingKysely,
  organizationId: string,
  location: string | null,
  team: string | null,
) {
  const one = async (kind: 'location' | 'team', value: string | null) =>
    value
      ? resolve(
          value,
          await listTargets(db, organizationId, kind),
          await listMappings(db, organizationId, kind),
        )
      : { target: undefined, how: 'exact' as const };
  return { office: await one('location', location), team: await one('team', team) };
}

function fieldsFrom(snap: HireSnapshot, startDate: string, source: 'offer' | 'default') {
  return {
    contact_id: snap.contactId,
    opportunity_id: snap.opportunityId,
    name: snap.name,
    email: snap.email,
    phone: snap.phone,
    title: snap.title,
    posting_id: snap.postingId,
    ats_location: snap.location,
    ats_team: snap.team,
    manager_name: snap.managerName,
    manager_email: snap.managerEmail,
    start_date: startDate,
    start_date_source: source,
    hired_at: new Date(snap.hiredAtMs ?? Date.now()),
  } satisfies Partial<HireFields>;
}

/** Starts the journey when office and team resolve; otherwise (re)queues the hire under "needs mapping". */
export async function startOrQueue(
  ctx: OnboardingContext,
  trx: OnboardingKysely,
  hire: NewHireRow,
): Promise<Outcome> {
  const r = await resolveBoth(trx, hire.organization_id, hire.ats_location, hire.ats_team);
  const missing = [
    ...(r.office.how === 'unmatched' ? [`location "${hire.ats_location}"`] : []),
    ...(r.team.how === 'unmatched' ? [`team "${hire.ats_team}"`] : []),
  ];
  if (missing.length) {
    if (hire.status !== 'needs_mapping') {
      await updateHire(trx, hire.organization_id, hire.id, { status: 'needs_mapping' });
      await addHistory(
        trx,
        hire,
        'needs_mapping',
        `Waiting for a mapping: ${missing.join(' and ')} matches no office or team.`,
      );
    }
    return 'needs_mapping';
  }
  const updated = await updateHire(trx, hire.organization_id, hire.id, {
    status: 'active',
    office_id: r.office.target?.id ?? null,
    team_id: r.team.target?.id ?? null,
  });
  const templates = await trx
    .selectFrom('onboarding.task_template')
    .selectAll()
    .where('organization_id', '=', hire.organization_id)
    .execute();
  const plan = planJourney(
    templates.map((t) => ({
      title: t.title,
      phase: t.phase,
      owner: t.owner,
      offsetDays: t.offset_days,
      officeId: t.office_id,
      teamId: t.team_id,
    })),
    { startDate: updated.start_date, officeId: updated.office_id, teamId: updated.team_id },
  );
  await insertJourney(trx, updated, plan);
  await addHistory(
    trx,
    updated,
    'journey_started',
    `Journey started: ${plan.length} tasks, start date ${updated.start_date}${r.office.target ? `, office ${r.office.target.name}` : ''}${r.team.target ? `, team ${r.team.target.name}` : ''}.`,
  );
  await sendJourneyMails(ctx, trx, updated);
  return 'journey_started';
}

export async function applySnapshot(
  ctx: OnboardingContext,
  organizationId: string,
  opportunityId: string,
  snap: HireSnapshot | undefined,
  source: string,
): Promise<Outcome> {
  const org = await findOrganization(ctx.db, organizationId);
  if (!org) return 'ignored';
  return ctx.db.transaction().execute(async (trx) => {
    if (!snap) return removeDeleted(ctx, trx, organizationId, opportunityId);
    for (const [kind, value] of [
      ['location', snap.location],
      ['team', snap.team],
    ] as const)
      if (value) await recordSeenValues(trx, organizationId, kind, new Map([[value, 0]]));
    const existing = await findHireByContact(trx, organizationId, snap.contactId);
    const offerStart = snap.offerStartMs === null ? undefined : toIsoDate(snap.offerStartMs);
    if (!snap.hired) {
      if (!existing || existing.opportunity_id !== snap.opportunityId) return 'ignored';
      if (existing.status !== 'active' && existing.status !== 'needs_mapping') return 'ignored';
      const why = snap.archived
        ? `archived in the ATS with the reason "${snap.archivedReasonText ?? 'unknown'}"`
        : 'unhired in the ATS (the opportunity is no longer archived as hired)';
      const journey = await findActiveJourney(trx, organizationId, existing.id);
      if (journey) await cancelJourney(trx, journey, why);
      await updateHire(trx, organizationId, existing.id, { status: 'cancelled' });
      await addHistory(trx, existing, 'cancelled', `Journey cancelled: ${why} (${source}).`);
      return 'cancelled';
    }
    const defaultStart = addDays(toIsoDate(snap.hiredAtMs ?? Date.now()), org.default_start_days);
    if (!existing) {
      const hire = await insertHire(trx, organizationId, {
        ...fieldsFrom(snap, offerStart ?? defaultStart, offerStart ? 'offer' : 'default'),
        office_id: null,
        team_id: null,
        status: 'needs_mapping',
        flag_reason: null,
      });
      await addHistory(
        trx,
        hire,
        'hired',
        `Hired in the ATS${hire.title ? ` as ${hire.title}` : ''}; start date ${hire.start_date} (${offerStart ? 'from the offer' : `default: ${org.default_start_days} days after the hire`}).`,
      );
      return startOrQueue(ctx, trx, { ...hire, status: 'cancelled' });
    }
    if (existing.status === 'flagged') return 'ignored';
    const rehire = existing.opportunity_id !== snap.opportunityId || existing.status === 'cancelled';
    if (rehire) {
      const previous = await findActiveJourney(trx, organizationId, existing.id);
      if (previous) await cancelJourney(trx, previous, 'replaced by a new hire of the same person');
      const hire = await updateHire(trx, organizationId, existing.id, {
        ...fieldsFrom(snap, offerStart ?? defaultStart, offerStart ? 'offer' : 'default'),
        ...(existing.opportunity_id !== snap.opportunityId ? { hire_count: existing.hire_count + 1 } : {}),
      });
      await addHistory(
        trx,
        hire,
        'rehired',
        `Hired again in the ATS (opportunity ${snap.opportunityId}); linked to this new hire, not duplicated.`,
      );
      await startOrQueue(ctx, trx, { ...hire, status: 'cancelled' });
      return 'linked';
    }
    const startDate = offerStart ?? existing.start_date;
    const hire = await updateHire(trx, organizationId, existing.id, {
      ...fieldsFrom(snap, startDate, offerStart ? 'offer' : existing.start_date_source),
    });
    if (existing.status === 'needs_mapping') return startOrQueue(ctx, trx, hire);
    if (startDate !== existing.start_date) {
      const journey = await findActiveJourney(trx, organizationId, existing.id);
      if (journey) await moveJourney(trx, journey, startDate);
      await addHistory(
        trx,
        hire,
        'rescheduled',
        `Start date changed from ${existing.start_date} to ${startDate} (offer updated in the ATS); every due date moved with it.`,
      );
      return 'rescheduled';
    }
    return 'updated';
  });
}

/** Candidate deleted in the ATS: remove the new hire's data, unless they already started (flag instead). */
async function removeDeleted(
  ctx: OnboardingContext,
  trx: OnboardingKysely,
  organizationId: string,
  opportunityId: string,
): Promise<Outcome> {
  const hire = await findHireByOpportunity(trx, organizationId, opportunityId);
  if (!hire) return 'ignored';
  const started = hire.status === 'active' && hire.start_date <= ctx.today();
  if (started) {
    await updateHire(trx, organizationId, hire.id, {
      status: 'flagged',
      flag_reason: 'Deleted in the ATS after their start date: decide what to keep (nothing was removed).',
    });
    await addHistory(
      trx,
      hire,
      'flagged',
      'Deleted in the ATS after the start date; kept and flagged for people ops.',
    );
    return 'flagged';
  }
  await trx
    .deleteFrom('onboarding.app_user')
    .where('organization_id', '=', organizationId)
    .where('new_hire_id', '=', hire.id)
    .execute();
  await trx
    .deleteFrom('onboarding.new_hire')
    .where('organization_id', '=', organizationId)
    .where('id', '=', hire.id)
    .execute();
  // Event payloads name only ids, but they are this person's trail too.
  await trx
    .updateTable('onboarding.webhook_event')
    .set({ payload: JSON.stringify({ event: 'redacted', triggeredAt: 0, data: {} }) })
    .where('organization_id', '=', organizationId)
    .where('opportunity_id', '=', opportunityId)
    .execute();
  return 'removed';
}

/** After a one-click mapping: every queued hire with that value tries again (same transaction as the mapping). */
export async function retryQueued(
  ctx: OnboardingContext,
  trx: OnboardingKysely,
  organizationId: string,
): Promise<number> {
  const queued = await trx
    .selectFrom('onboarding.new_hire')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'needs_mapping')
    .execute();
  let started = 0;
  for (const hire of queued) if ((await startOrQueue(ctx, trx, hire)) === 'journey_started') started++;
  return started;
}

export { untyped };
