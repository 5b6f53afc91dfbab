// Realistic, deterministic candidates for the demo and scale seeds: names, contact details, where they came
// from (origin → source), tags, a stage path through the pipeline and, for some, an archive reason.
import type { CandidateSpec } from './bulk-candidates.ts';
import type { Rng } from './prng.ts';

const FIRST = [
  'Olivia',
  'Liam',
  'Amara',
  'Noah',
  'Sofia',
  'Mateo',
  'Yuki',
  'Ethan',
  'Fatima',
  'Lucas',
  'Chloe',
  'Ravi',
  'Isabella',
  'Kenji',
  'Zara',
  'Oliver',
  'Mei',
  'Samuel',
  'Leila',
  'Jonas',
  'Grace',
  'Arjun',
  'Nadia',
  'Felix',
  'Ines',
  'Tobias',
  'Aaliyah',
  'Daniel',
  'Hana',
  'Gabriel',
  'Emma',
  'Omar',
  'Freya',
  'Diego',
  'Anika',
  'Hugo',
  'Maya',
  'Kofi',
  'Elif',
  'Santiago',
  'Nora',
  'Wei',
  'Clara',
  'Jamal',
  'Sara',
  'Mikael',
  'Lucia',
  'Tariq',
  'Ava',
  'Viktor',
];
const LAST = [
  'Johnson',
  'Okonkwo',
  'Tanaka',
  'García',
  'Müller',
  'Kowalski',
  'Nguyen',
  'Patel',
  'Rossi',
  'Andersson',
  'Haddad',
  'Kim',
  'Dubois',
  'Silva',
  'Ivanova',
  'Mensah',
  'Schneider',
  'Costa',
  'Yilmaz',
  'Brennan',
  'Fischer',
  'Singh',
  'Laurent',
  'Novak',
  'Ortiz',
  'Walsh',
  'Sato',
  'Lindqvist',
  'Abebe',
  'Moreau',
  'Chen',
  'Rahman',
  'Jensen',
  'Quinn',
];
const COMPANIES = [
  'Globex',
  'Initech',
  'Umbrella Logistics',
  'Stark Industries',
  'Wayne Automation',
  'Hooli',
  'Vandelay Industries',
  'Soylent Systems',
  'Cyberdyne',
  'Tyrell Robotics',
  'Massive Dynamic',
  'Aperture Labs',
];
const TITLES = [
  'Software Engineer',
  'Senior Engineer',
  'Firmware Developer',
  'Product Manager',
  'Designer',
  'Account Executive',
  'Operations Lead',
  'SRE',
  'Support Specialist',
  'Engineering Manager',
  'Technician',
];
const CITIES = [
  'San Francisco, CA',
  'Austin, TX',
  'New York, NY',
  'London, UK',
  'Berlin, Germany',
  'Toronto, Canada',
  'Lisbon, Portugal',
  'Seattle, WA',
  'Dublin, Ireland',
  'Remote',
];
const MAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example'];
const SKILL_TAGS = [
  'Strong communicator',
  'Relocation',
  'Visa sponsorship',
  'Bilingual',
  'Leadership',
  'Python',
  'C++',
  'Kubernetes',
  'Startup experience',
  'Hardware',
  'Silver medalist',
];

/** origin → weight and the sources it brings (reference §2.3: six origins). */
const ORIGINS: readonly { origin: string; weight: number; sources: readonly string[] }[] = [
  { origin: 'applied', weight: 45, sources: ['Careers page', 'Job board', 'LinkedIn'] },
  { origin: 'sourced', weight: 25, sources: ['LinkedIn'] },
  { origin: 'referred', weight: 15, sources: ['Referral'] },
  { origin: 'agency', weight: 7, sources: ['Agency'] },
  { origin: 'internal', weight: 4, sources: ['Internal'] },
  { origin: 'university', weight: 4, sources: ['Job board'] },
];

export interface FactoryPosting {
  readonly id: string;
  readonly categoryTags: readonly string[];
  readonly ownerId: string | null;
  readonly hiringManagerId: string | null;
  readonly confidential: boolean;
}

export interface FactoryContext {
  readonly postings: readonly FactoryPosting[];
  /** Pipeline in rank order; index = position. */
  readonly stages: readonly { id: string; pipeline: string }[];
  readonly recruiters: readonly string[];
  readonly employees: readonly string[];
  readonly nonHiredReasons: readonly string[];
  readonly hiredReason: string;
  readonly now: number;
  readonly emailTag: string;
}

export interface Candidate extends CandidateSpec {
  readonly referrerId: string | null;
  readonly hired: boolean;
}

const DAY_MS = 86_400_000;

function pickOrigin(rng: Rng): (typeof ORIGINS)[number] {
  let roll = rng.int(1, 100);
  for (const o of ORIGINS) if ((roll -= o.weight) <= 0) return o;
  return ORIGINS[0] as (typeof ORIGINS)[number];
}

const ascii = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

export function makeCandidate(rng: Rng, ctx: FactoryContext, n: number): Candidate {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const origin = pickOrigin(rng);
  const lead = origin.origin === 'sourced' && rng.chance(0.6);
  const posting = lead && rng.chance(0.5) ? undefined : rng.pick(ctx.postings);
  const stageCount = ctx.stages.length;
  // Leads sit in lead stages; others mostly early in the funnel, fewer in later stages.
  const leadStages = ctx.stages.filter((s) => s.pipeline === 'lead').length;
  const target = lead
    ? rng.int(0, Math.max(0, leadStages - 1))
    : Math.min(
        stageCount - 1,
        leadStages + Math.floor(Math.pow(rng.next(), 1.8) * (stageCount - leadStages)),
      );
  const start = lead ? 0 : leadStages;
  const path = ctx.stages
    .slice(Math.min(start, target), target + 1)
    .map((s, k) => ({ id: s.id, index: Math.min(start, target) + k }));
  const createdAt = new Date(ctx.now - rng.int(1, 120) * DAY_MS - rng.int(0, DAY_MS));
  const updatedAt = new Date(Math.min(ctx.now, createdAt.getTime() + rng.int(0, 30) * DAY_MS));
  const roll = rng.next();
  const hired = !lead && posting !== undefined && target === stageCount - 1 && roll < 0.5;
  const archived = hired || roll < 0.08;
  const owner = posting?.ownerId ?? rng.pick(ctx.recruiters);
  const referred = origin.origin === 'referred';
  const referrerId = referred ? rng.pick(ctx.employees) : null;
  const tags = [
    ...(posting?.categoryTags ?? []),
    ...(referred ? ['Referral'] : []),
    ...rng.sample(SKILL_TAGS, rng.int(0, 2)),
  ];
  return {
    name: `${first} ${last}`,
    email: `${ascii(first)}.${ascii(last)}${n}@${ctx.emailTag}${rng.pick(MAIL_DOMAINS)}`,
    phone: rng.chance(0.7) ? `+1 555 01${String(rng.int(0, 99)).padStart(2, '0')}` : null,
    headline: `${rng.pick(TITLES)} at ${rng.pick(COMPANIES)}`,
    location: rng.pick(CITIES),
    postingId: posting?.id ?? null,
    stagePath: path,
    origin: origin.origin,
    confidential: posting?.confidential ?? false,
    ownerId: owner,
    sourcedBy: origin.origin === 'sourced' ? rng.pick(ctx.recruiters) : null,
    followers: [...new Set([owner, posting?.hiringManagerId].filter((x): x is string => !!x))],
    tags: [...new Set(tags)],
    sources: [rng.pick(origin.sources)],
    links: rng.chance(0.4) ? [`https://www.linkedin.com/in/${ascii(first)}-${ascii(last)}-${n}`] : [],
    archiveReasonId: archived ? (hired ? ctx.hiredReason : rng.pick(ctx.nonHiredReasons)) : null,
    archivedAt: archived ? updatedAt : null,
    createdAt,
    updatedAt,
    applicationType: posting
      ? referred
        ? 'referral'
        : origin.origin === 'applied'
          ? 'posting'
          : 'user'
      : null,
    applicationUserId: posting && origin.origin !== 'applied' ? (referrerId ?? owner) : null,
    referrerId,
    hired,
  };
}
