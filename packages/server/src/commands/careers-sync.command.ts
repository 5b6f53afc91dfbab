// `hireloop careers sync --org SLUG [--full]`: one careers sync now, in this process (or inside the server
// holding the embedded data directory), with a progress bar of records synced. Delta by default (changes
// since the last poll); --full re-lists everything and removes what the ATS no longer has.
import { AppError, Errors } from '@hireloop/platform';
import { careersModule, findOrganizationBySlug, lastRunRecords, runSync } from '@hireloop/careers';
import type { DbCommand } from './command.ts';

export interface CareersSyncArgs {
  readonly org?: string;
  readonly full?: boolean;
}

export const careersSyncCommand: DbCommand<CareersSyncArgs> = {
  name: 'careers-sync',
  async run({ runtime, progress }, args) {
    const slug = args.org?.trim() ?? '';
    if (!slug)
      throw new AppError(
        Errors.Validation,
        'Pass the careers organization with --org (its site address, e.g. acme)',
      );
    const ctx = careersModule.context(runtime);
    const org = await findOrganizationBySlug(ctx.db, slug);
    if (!org) throw new AppError(Errors.NotFound, `No careers organization "${slug}"`);
    // Lever lists carry no totals: the bar counts records against the last run's figure as an estimate.
    const kind = args.full ? 'full' : 'delta';
    const estimate =
      (await lastRunRecords(ctx.db, org.id, kind)) ?? (await lastRunRecords(ctx.db, org.id, 'full')) ?? 100;
    const bar = progress('careers sync (records, estimated total)', Math.max(1, estimate));
    let seen = 0;
    const result = await runSync(
      ctx,
      { organizationId: org.id, kind, scope: 'all', trigger: 'cli' },
      (_phase, n) => {
        seen += n;
        bar.tick(n);
      },
    );
    bar.done();
    if (!result)
      throw new AppError(
        Errors.Validation,
        `"${slug}" has no ATS integration yet; set it up at /careers/admin/integration`,
      );
    if (result.status === 'busy')
      throw new AppError(
        Errors.Conflict,
        `A sync of ${org.name} is already running (run ${result.runId}); one sync per key at a time`,
      );
    const text = [
      `Careers sync of ${org.name} (${args.full ? 'full' : 'delta'}): ${result.status}, ${seen} records read with ${result.requests} requests.`,
      `  Jobs: ${result.jobsUpserted} synced, ${result.jobsRemoved} removed. Candidates: ${result.candidatesUpserted} synced, ${result.candidatesRemoved} removed.`,
      `  Skipped: ${result.skipped}${
        result.skippedItems.length
          ? ` (${result.skippedItems
              .slice(0, 5)
              .map((i) => `${i.title}: ${i.reason}`)
              .join('; ')}${result.skipped > 5 ? '; …' : ''})`
          : ''
      }.`,
      ...result.errors.map((e) => `  Error: ${e}`),
    ].join('\n');
    if (result.status === 'failed') throw new AppError(Errors.Validation, text);
    return { json: result, text };
  },
};
