// Reads the ATS pipeline (`/disposition_stages` for pipelines when allowed, else `/stages`) and archive
// reasons, keeps the local copy in step, and fills default mappings for new stages without touching the
// ones an admin chose. Custom stages are included like built-in ones.
import { collect, LeverApiError, type LeverClient } from '@hireloop/lever';
import type { ReferralsContext } from '../../context.ts';
import { withLever } from '../connection/connection.service.ts';
import { defaultStatusForStage, type AtsStageInfo } from './stage-mapping.ts';

interface PipelineSnapshot {
  stages: AtsStageInfo[];
  reasons: { id: string; text: string; hired: boolean }[];
}

async function readPipeline(client: LeverClient): Promise<PipelineSnapshot> {
  try {
    const d = await client.stages.disposition();
    return {
      stages: d.stages.map((s) => ({ id: s.id, text: s.text, pipeline: s.pipeline })),
      reasons: d.archiveReasons.map((r) => ({ id: r.id, text: r.text, hired: r.type === 'hired' })),
    };
  } catch (error) {
    // Not every ATS serves /disposition_stages to this grant; /stages and /archive_reasons always exist.
    if (!(error instanceof LeverApiError) || ![403, 404].includes(error.status)) throw error;
  }
  const stages = await collect(client.stages.list());
  const reasons = await collect(client.archiveReasons.list());
  return {
    stages: stages.map((s) => ({ id: s.id, text: s.text, pipeline: null })),
    reasons: reasons.map((r) => ({ id: r.id, text: r.text, hired: r.type === 'hired' })),
  };
}

export async function syncStages(ctx: ReferralsContext, organizationId: string): Promise<{ stages: number }> {
  const snapshot = await withLever(ctx, organizationId, readPipeline);
  await ctx.db.transaction().execute(async (trx) => {
    const ids = snapshot.stages.map((s) => s.id);
    await trx
      .deleteFrom('referrals.stage')
      .where('organization_id', '=', organizationId)
      .$if(ids.length > 0, (q) => q.where('ats_stage_id', 'not in', ids))
      .execute();
    for (const [position, s] of snapshot.stages.entries()) {
      await trx
        .insertInto('referrals.stage')
        .values({
          organization_id: organizationId,
          ats_stage_id: s.id,
          text: s.text,
          pipeline: s.pipeline ?? null,
          rank: null,
          position,
          synced_at: new Date(),
        })
        .onConflict((oc) =>
          oc
            .columns(['organization_id', 'ats_stage_id'])
            .doUpdateSet({ text: s.text, pipeline: s.pipeline ?? null, position, synced_at: new Date() }),
        )
        .execute();
      await trx
        .insertInto('referrals.stage_mapping')
        .values({
          organization_id: organizationId,
          ats_stage_id: s.id,
          status: defaultStatusForStage(s),
          customized: false,
          updated_at: new Date(),
        })
        .onConflict((oc) => oc.columns(['organization_id', 'ats_stage_id']).doNothing())
        .execute();
    }
    await trx.deleteFrom('referrals.archive_reason').where('organization_id', '=', organizationId).execute();
    if (snapshot.reasons.length)
      await trx
        .insertInto('referrals.archive_reason')
        .values(
          snapshot.reasons.map((r) => ({
            organization_id: organizationId,
            ats_archive_reason_id: r.id,
            text: r.text,
            hired: r.hired,
          })),
        )
        .execute();
  });
  return { stages: snapshot.stages.length };
}
