// P6 (issue 7): a candidate submits the in-app apply form (multipart: name, email, resume, cover letter,
// consent, through the employee's personal job link) → the opportunity exists in the ATS, seen by polling
// GET /v1/opportunities?email= every 10 ms. Same-run baseline: the raw ATS write the app performs, `POST
// /v1/opportunities` with an API key (same fields, no resume) → 201. Target: apply p95 ≤ 1 s.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { LatencyBench } from '../pair.ts';
import { startReferralsBenchStack } from './referrals-stack.ts';

const POLL_MS = 10;

export const referralsApplyBench: LatencyBench = {
  kind: 'latency',
  name: 'referrals-apply',
  description:
    'P6: candidate apply (in-app form, resume + cover letter) → opportunity in the ATS; baseline: raw POST /v1/opportunities → 201, same run, same server',
  variants: [
    { name: 'raw-create', label: 'baseline: POST /v1/opportunities (API key) → 201' },
    {
      name: 'apply',
      label: 'apply form POST → opportunity visible in GET /v1/opportunities',
      target: { p95: 1000 },
    },
  ],
  async start() {
    const stack = await startReferralsBenchStack('P6 Apply Engineer');
    const { s } = stack;
    const link = (await stack.api<{ data: { url: string } }>('POST', '/links', { jobId: stack.jobId })).data
      .url;
    // A job link redirects to its job page; the form posts to <job page>/apply.
    const res = await fetch(link, { redirect: 'manual' });
    const jobPage = new URL(res.headers.get('location') ?? link, link).toString();
    const visible = async (email: string, t0: number) => {
      for (;;) {
        const r = await s.ats<{ data: unknown[] }>(
          'GET',
          `/opportunities?email=${encodeURIComponent(email)}`,
        );
        if (r.body.data.length) return performance.now() - t0;
        if (performance.now() - t0 > 60_000) throw new Error(`no opportunity for ${email} after 60 s`);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    };
    return {
      notes: `hireloop start (embedded PGlite, LOG_LEVEL ${process.env.LOG_LEVEL ?? 'warn'}) as a child process; ATS polled every ${POLL_MS} ms from the runner`,
      async sample(variant, i) {
        const email = `p6.${variant}.${i}.${randomUUID().slice(0, 8)}@example.com`;
        if (variant === 'raw-create') {
          const t0 = performance.now();
          const r = await s.ats('POST', `/opportunities?perform_as=${stack.morganId}`, {
            name: `P6 Baseline ${i}`,
            emails: [email],
            postings: [stack.postingId],
            origin: 'referred',
            sources: ['Hireloop Referrals'],
            tags: ['Referral', 'Hireloop Referrals'],
          });
          if (r.status !== 201) throw new Error(`raw create: ${r.status}`);
          return performance.now() - t0;
        }
        const form = new FormData();
        form.set('idempotencyKey', randomUUID());
        form.set('name', `P6 Candidate ${i}`);
        form.set('email', email);
        form.set('coverLetter', 'Bench cover letter.');
        form.set('consent', 'yes');
        form.set('resume', new Blob([`%PDF-1.4 bench ${i}`], { type: 'application/pdf' }), 'resume.pdf');
        const t0 = performance.now();
        const applied = await fetch(`${jobPage}/apply`, { method: 'POST', body: form });
        if (applied.status !== 200) throw new Error(`apply: ${applied.status} ${await applied.text()}`);
        return visible(email, t0);
      },
      close: () => s.close(),
    };
  },
};
