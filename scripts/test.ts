// `npm test`: every tier with node's test runner — unit (`*.test.ts` beside the code), integration
// (`*.int.test.ts`, real PGlite, or PostgreSQL when DATABASE_URL is set) and end-to-end (`test/e2e`).
// Arguments narrow the run: `npm test -- packages/ats` or `npm test -- --tier unit`.
// Ends with the plain line `N passed, N failed` that CI reads.
import { glob } from 'node:fs/promises';
import os from 'node:os';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const TIERS: Record<string, string[]> = {
  unit: ['packages/*/src/**/*.test.ts', 'test/*.test.ts', 'bench/**/*.test.ts'],
  int: ['packages/*/src/**/*.int.test.ts'],
  e2e: ['test/e2e/**/*.e2e.test.ts'],
};

const args = process.argv.slice(2);
const tierAt = args.indexOf('--tier');
const tiers = tierAt >= 0 ? [args[tierAt + 1] ?? ''] : Object.keys(TIERS);
const filters = args.filter((_, i) => tierAt < 0 || (i !== tierAt && i !== tierAt + 1));

const files = new Set<string>();
for (const tier of tiers) {
  const patterns = TIERS[tier];
  if (!patterns) throw new Error(`unknown tier ${tier}; expected ${Object.keys(TIERS).join(', ')}`);
  for (const pattern of patterns) {
    for await (const file of glob(pattern, { exclude: (f) => f.includes('node_modules') })) {
      const isInt = file.endsWith('.int.test.ts');
      const isE2e = file.endsWith('.e2e.test.ts');
      if (tier === 'unit' && (isInt || isE2e)) continue;
      if (filters.length === 0 || filters.some((f) => file.startsWith(f) || file.includes(f)))
        files.add(file);
    }
  }
}

let passed = 0;
let failed = 0;
const stream = run({
  files: [...files].sort(),
  concurrency: Math.max(2, Math.min(4, os.availableParallelism())),
  timeout: 10 * 60_000,
});
stream.on('test:pass', (event) => {
  if (event.details.type !== 'suite') passed++;
});
stream.on('test:fail', (event) => {
  if (event.details.type !== 'suite') failed++;
});
stream.compose(spec).pipe(process.stdout);
stream.on('close', () => {
  // Printed after the reporter's own summary; CI sums these lines over its runs.
  setImmediate(() => {
    process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
    process.exitCode = failed > 0 || files.size === 0 ? 1 : 0;
  });
});
