// The demo account's content — postings, ~200 candidates across the pipeline, notes, resumes (tiny PDFs),
// cover letters, referrals and offers (with start dates for the hires) — written in one go with Kysely and
// the bulk writer. Run only when the account has no postings yet, which is what keeps the seed idempotent.
import { createHash } from 'node:crypto';
import type { UserRow } from '../domain/users/user.repository.ts';
import type { AtsKysely } from '../db.ts';
import { insertCandidates } from './bulk-candidates.ts';
import { makeCandidate, type Candidate } from './candidate-factory.ts';
import { DEMO_LOCATIONS } from './demo-company.ts';
import type { DemoPosting } from './demo-postings.ts';
import { BUSINESS_POSTINGS } from './demo-postings-business.ts';
import { ENGINEERING_POSTINGS } from './demo-postings-engineering.ts';
import { tinyPdf } from './pdf.ts';
import { createRng } from './prng.ts';
import { loadFactoryContext } from './seed-context.ts';

export const DEMO_OPPORTUNITIES = 200;
/** In creation order: engineering first, then the rest of the company. */
export const DEMO_POSTINGS: readonly DemoPosting[] = Object.freeze([
  ...ENGINEERING_POSTINGS,
  ...BUSINESS_POSTINGS,
]);
const DAY_MS = 86_400_000;

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function postingContent(p: DemoPosting) {
  const closing =
    'Acme Robotics is an equal opportunity employer. We welcome people of every background to apply.';
  return {
    description: p.pitch,
    descriptionHtml: `<div>${escape(p.pitch)}</div>`,
    lists: [
      { text: 'What you will do', content: p.does.map((d) => `<li>${escape(d)}</li>`).join('') },
      { text: 'What you bring', content: p.needs.map((d) => `<li>${escape(d)}</li>`).join('') },
    ],
    closing,
    closingHtml: `<div>${escape(closing)}</div>`,
  };
}

async function insertPostings(db: AtsKysely, accountId: string, users: Map<string, UserRow>, now: number) {
  const id = (key: string): string | null => users.get(key)?.id ?? null;
  return db
    .insertInto('ats.posting')
    .values(
      DEMO_POSTINGS.map((p, i) => {
        const at = new Date(now - (60 - i * 2) * DAY_MS);
        const hourly = p.salary[0] < 1000;
        return {
          account_id: accountId,
          text: p.text,
          state: p.state,
          distribution_channels:
            p.state === 'published' ? ['public', 'internal'] : p.state === 'internal' ? ['internal'] : null,
          confidentiality: p.confidential ? 'confidential' : 'non-confidential',
          team: p.team,
          department: p.department,
          location: p.location,
          all_locations: [p.location],
          commitment: p.commitment,
          level: p.level,
          tags: [...p.tags],
          content: JSON.stringify(postingContent(p)),
          user_id: id(p.owner),
          owner_id: id(p.owner),
          hiring_manager_id: id(p.hiringManager),
          followers: [id(p.owner), id(p.hiringManager)].filter((x): x is string => !!x),
          workplace_type: p.workplaceType,
          country: DEMO_LOCATIONS.find((l) => l.name === p.location)?.country ?? null,
          req_code: `ACME-${String(101 + i)}`,
          requisition_codes: [`ACME-${String(101 + i)}`],
          salary_range: JSON.stringify({
            min: p.salary[0],
            max: p.salary[1],
            currency: p.salary[2],
            interval: hourly
              ? p.commitment === 'Contract' && p.salary[0] > 100
                ? 'per-day-wage'
                : 'per-hour-wage'
              : 'per-year-salary',
          }),
          created_at: at,
          updated_at: at,
        };
      }),
    )
    .returning(['id', 'text'])
    .execute();
}

const NOTES = [
  'Great conversation. Clear on why Acme, strong on fundamentals. Moving forward.',
  'Salary expectations are at the top of the band; flagged to the hiring manager.',
  'Take-home was solid: clean code and good tests. Some gaps on concurrency.',
  'Candidate asked about relocation support and visa sponsorship timelines.',
  'Left a voicemail and sent a follow-up email.',
  'Strong culture add. Has led a team through a hardware launch before.',
  'Available to start in four weeks; has another offer pending.',
  'Reference from former manager was glowing: "the person you want on a hard problem".',
];

/** Notes, files, referrals and offers for the inserted candidates. */
async function insertExtras(
  db: AtsKysely,
  accountId: string,
  rows: { id: string; c: Candidate }[],
  authors: string[],
) {
  const rng = createRng(7);
  const notes = rows.flatMap(({ id, c }) =>
    rng.chance(0.6)
      ? Array.from({ length: rng.int(1, 3) }, (_, k) => ({
          opportunity_id: id,
          user_id: c.ownerId ?? rng.pick(authors),
          value: rng.pick(NOTES),
          stage_id: c.stagePath[Math.min(k, c.stagePath.length - 1)]?.id ?? null,
          created_at: new Date(c.createdAt.getTime() + (k + 1) * 3_600_000),
        }))
      : [],
  );
  if (notes.length) await db.insertInto('ats.note').values(notes).execute();

  for (const { id, c } of rows) {
    const resume = tinyPdf([
      c.name,
      c.headline,
      c.email,
      c.location,
      'Experience: 6 years building things that ship.',
    ]);
    await insertFile(
      db,
      accountId,
      id,
      'resume',
      `${c.name.replace(/\s+/g, '_')}_Resume.pdf`,
      'application/pdf',
      resume,
      c,
    );
    if (c.origin === 'applied' && rng.chance(0.2)) {
      const letter = Buffer.from(
        `Dear Acme Robotics team,\n\nI am excited to apply. ${c.headline}.\n\n${c.name}\n`,
        'utf8',
      );
      await insertFile(db, accountId, id, 'file', 'Cover_letter.txt', 'text/plain', letter, c);
    }
  }

  const referrals = rows.filter(({ c }) => c.referrerId);
  if (referrals.length) {
    await db
      .insertInto('ats.referral')
      .values(
        referrals.map(({ id, c }) => ({
          opportunity_id: id,
          referrer_id: c.referrerId,
          user_id: c.referrerId,
          fields: JSON.stringify([
            {
              text: 'How do you know this person?',
              identifier: 'relationship',
              value: rng.pick(['Former colleague', 'University friend', 'Met at a meetup']),
            },
            {
              text: 'Why are they a fit?',
              identifier: 'endorsement',
              value: 'Ships fast and lifts the people around them.',
            },
          ]),
          stage_id: c.stagePath[0]?.id ?? null,
          created_at: c.createdAt,
        })),
      )
      .execute();
  }

  const offers = rows.filter(({ c }) => c.hired || c.stagePath.at(-1)?.id === 'offer');
  for (const { id, c } of offers) {
    const start = new Date(c.updatedAt.getTime() + rng.int(14, 45) * DAY_MS);
    start.setUTCHours(0, 0, 0, 0);
    await db
      .insertInto('ats.offer')
      .values({
        opportunity_id: id,
        posting_id: c.postingId,
        status: c.hired ? 'signed' : 'sent',
        creator_id: c.ownerId,
        fields: JSON.stringify([
          { text: 'Anticipated start date', identifier: 'anticipated_start_date', value: start.getTime() },
          { text: 'Salary', identifier: 'salary_amount', value: rng.int(12, 22) * 10_000 },
          { text: 'Salary currency', identifier: 'salary_currency', value: 'USD' },
          { text: 'Salary interval', identifier: 'salary_interval', value: 'per-year-salary' },
        ]),
        approved_at: c.updatedAt,
        sent_at: c.updatedAt,
        signed_at: c.hired ? c.updatedAt : null,
        created_at: c.updatedAt,
        updated_at: c.updatedAt,
      })
      .execute();
  }
  return { notes: notes.length, referrals: referrals.length, offers: offers.length };
}

async function insertFile(
  db: AtsKysely,
  accountId: string,
  opportunityId: string,
  kind: 'resume' | 'file',
  name: string,
  contentType: string,
  bytes: Buffer,
  c: Candidate,
): Promise<void> {
  const file = await db
    .insertInto('ats.file')
    .values({
      account_id: accountId,
      opportunity_id: opportunityId,
      kind,
      name,
      ext: name.split('.').pop() ?? '',
      content_type: contentType,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      user_id: c.ownerId,
      created_at: c.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('ats.file_blob').values({ file_id: file.id, bytes }).execute();
}

export async function seedDemoContent(db: AtsKysely, accountId: string, users: Map<string, UserRow>) {
  const now = Date.now();
  const postings = await insertPostings(db, accountId, users, now);
  const ctx = await loadFactoryContext(db, accountId, '');
  const rng = createRng(2024);
  const candidates = Array.from({ length: DEMO_OPPORTUNITIES }, (_, n) => makeCandidate(rng, ctx, n + 1));
  const inserted = await insertCandidates(db, accountId, candidates);
  const rows = inserted.map((x, i) => ({ id: x.opportunityId, c: candidates[i] as Candidate }));
  const extras = await insertExtras(db, accountId, rows, [...ctx.recruiters]);
  return { postings: postings.length, opportunities: inserted.length, ...extras };
}
