// Synced ATS stages and archive reasons, and the admin's stage → status mapping.
import type { ReferralsKysely } from '../../db.ts';
import { isReferralStatus, type ReferralStatus } from '../statuses.ts';
import type { MappingRules } from './stage-mapping.ts';

export interface StageWithMapping {
  atsStageId: string;
  text: string;
  pipeline: string | null;
  status: ReferralStatus;
  customized: boolean;
}

export async function listStagesWithMapping(
  db: ReferralsKysely,
  organizationId: string,
): Promise<StageWithMapping[]> {
  const rows = await db
    .selectFrom('referrals.stage as s')
    .leftJoin('referrals.stage_mapping as m', (j) =>
      j.onRef('m.organization_id', '=', 's.organization_id').onRef('m.ats_stage_id', '=', 's.ats_stage_id'),
    )
    .select(['s.ats_stage_id', 's.text', 's.pipeline', 'm.status', 'm.customized'])
    .where('s.organization_id', '=', organizationId)
    .orderBy('s.position')
    .execute();
  return rows.map((r) => ({
    atsStageId: r.ats_stage_id,
    text: r.text,
    pipeline: r.pipeline,
    status: isReferralStatus(r.status) ? r.status : 'in_review',
    customized: r.customized ?? false,
  }));
}

export async function loadMappingRules(db: ReferralsKysely, organizationId: string): Promise<MappingRules> {
  const [mapping, reasons] = await Promise.all([
    db
      .selectFrom('referrals.stage_mapping')
      .select(['ats_stage_id', 'status'])
      .where('organization_id', '=', organizationId)
      .execute(),
    db
      .selectFrom('referrals.archive_reason')
      .select('ats_archive_reason_id')
      .where('organization_id', '=', organizationId)
      .where('hired', '=', true)
      .execute(),
  ]);
  return {
    stageStatus: new Map(
      mapping.flatMap((m) => (isReferralStatus(m.status) ? [[m.ats_stage_id, m.status] as const] : [])),
    ),
    hiredReasonIds: new Set(reasons.map((r) => r.ats_archive_reason_id)),
  };
}

export async function setStageStatus(
  db: ReferralsKysely,
  organizationId: string,
  atsStageId: string,
  status: ReferralStatus,
  customized: boolean,
): Promise<void> {
  await db
    .insertInto('referrals.stage_mapping')
    .values({
      organization_id: organizationId,
      ats_stage_id: atsStageId,
      status,
      customized,
      updated_at: new Date(),
    })
    .onConflict((oc) =>
      oc
        .columns(['organization_id', 'ats_stage_id'])
        .doUpdateSet({ status, customized, updated_at: new Date() }),
    )
    .execute();
}
