import type { DbCommand } from './command.ts';
import { seeders } from '../seeders.ts';

export interface SeedArgs {
  readonly demo?: boolean;
  readonly scale?: number;
}

/**
 * `seed --demo` creates the demo tenants (idempotent); `seed --scale N` adds N opportunities for benchmarks.
 * Each module contributes a seeder (seeders.ts); the ATS seeds first, the apps connect to it after.
 */
export const seedCommand: DbCommand<SeedArgs> = {
  name: 'seed',
  async run(ctx, args) {
    if (!args.demo && !args.scale) {
      return { json: { seeded: [] }, text: 'Nothing to seed: pass --demo or --scale N.' };
    }
    const lines: string[] = [];
    const results: Record<string, unknown> = {};
    for (const seeder of seeders) {
      const result = args.demo ? await seeder.demo?.(ctx) : await seeder.scale?.(ctx, args.scale ?? 0);
      if (result) {
        results[seeder.name] = result.json;
        lines.push(result.text);
      }
    }
    if (lines.length === 0) lines.push('No module has demo data yet.');
    return { json: results, text: lines.join('\n\n') };
  },
};
