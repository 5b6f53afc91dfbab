// P4 (issue 7): a posting's title changed in the ATS (POST /v1/postings/:id) → the new title is on the
// employee portal's Jobs page (/referrals/jobs?q=…, the employee's session), polled every 50 ms. Two
// variants in one run: `events` — the ATS's postingUpdated extension webhook reaches the app; `polling` —
// the app's posting webhooks are deleted in the ATS first, so only the delta poll (every
// REFERRALS_JOB_POLL_SECONDS, default 60) brings the change, as against real Lever. Target p99 ≤ 10 s.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { LatencyBench } from '../pair.ts';
import { startReferralsBenchStack } from './referrals-stack.ts';

const POLL_MS = 50;
const SAMPLE_TIMEOUT_MS = 150_000;
const PHASE_JITTER_MS = 5_000;

export const referralsJobsBench: LatencyBench = {
  kind: 'latency',
  name: 'referrals-jobs',
  description:
    'P4: ATS posting title change → visible on the employee portal Jobs page; with the postingUpdated extension event, and polling-only (posting webhooks deleted)',
  variants: [
    { name: 'events', label: 'extension events on', target: { p99: 10_000 } },
    {
      name: 'polling',
      label: `polling only (REFERRALS_JOB_POLL_SECONDS=${process.env.REFERRALS_JOB_POLL_SECONDS ?? '60 (default)'})`,
      target: { p99: 10_000 },
    },
  ],
  async start() {
    const stack = await startReferralsBenchStack('P4 Baseline Role');
    const { s } = stack;
    return {
      notes: `hireloop start (embedded PGlite, LOG_LEVEL ${process.env.LOG_LEVEL ?? 'warn'}) as a child process; portal polled every ${POLL_MS} ms; a random 0–${PHASE_JITTER_MS / 1000} s pause before each sample`,
      async prepare(variant) {
        if (variant !== 'polling') return;
        const hooks = await s.ats<{ data: { id: string; event: string; url: string }[] }>('GET', '/webhooks');
        for (const h of hooks.body.data)
          if (h.event.startsWith('posting') && h.url.includes('/referrals/hooks/'))
            await s.ats('DELETE', `/webhooks/${h.id}`);
      },
      async sample(variant, i) {
        // A random pause first: back-to-back samples would lock onto the phase of the poll loops (every
        // sample landing at the same point of a 2 s or 5 s cycle) and hide the spread a real change sees.
        await new Promise((res) => setTimeout(res, Math.random() * PHASE_JITTER_MS));
        const marker = randomUUID().slice(0, 8);
        const title = `P4 ${variant} role ${i} ${marker}`;
        const t0 = performance.now();
        const r = await s.ats('POST', `/postings/${stack.postingId}?perform_as=${stack.morganId}`, {
          text: title,
        });
        if (r.status !== 200) throw new Error(`posting update: ${r.status} ${JSON.stringify(r.body)}`);
        for (;;) {
          const page = await stack.employee.get(`/referrals/jobs?q=${marker}`);
          if (page.body.includes(title)) return performance.now() - t0;
          if (performance.now() - t0 > SAMPLE_TIMEOUT_MS)
            throw new Error(`"${title}" not visible after 150 s`);
          await new Promise((res) => setTimeout(res, POLL_MS));
        }
      },
      close: () => s.close(),
    };
  },
};
