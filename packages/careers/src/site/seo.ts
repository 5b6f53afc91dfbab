// Search-engine pieces of the careers site: schema.org JobPosting JSON-LD and sitemap.xml.
// JSON-LD goes in a <script type="application/ld+json"> data block; `jsonForScript` escapes `<`, `>`, `&`
// and the line separators so no value can close the element (the one raw() in this app; see README).
import { raw, type SafeHtml } from '@hireloop/platform/html';
import type { JobRow, OrganizationRow } from '../db.ts';

const EMPLOYMENT_TYPES: Record<string, string> = {
  'full-time': 'FULL_TIME',
  'part-time': 'PART_TIME',
  contract: 'CONTRACTOR',
  contractor: 'CONTRACTOR',
  temporary: 'TEMPORARY',
  intern: 'INTERN',
  internship: 'INTERN',
  volunteer: 'VOLUNTEER',
  'per diem': 'PER_DIEM',
};

export const employmentType = (commitment: string | null): string | undefined =>
  commitment ? (EMPLOYMENT_TYPES[commitment.trim().toLowerCase()] ?? 'OTHER') : undefined;

export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

interface SalaryRange {
  min?: number | null;
  max?: number | null;
  currency?: string | null;
  interval?: string | null;
}
const SALARY_UNITS: Record<string, string> = {
  'per-year-salary': 'YEAR',
  'per-month-salary': 'MONTH',
  'per-week-salary': 'WEEK',
  'per-day-salary': 'DAY',
  'per-hour-wage': 'HOUR',
};

export function jobPostingJsonLd(
  job: JobRow,
  org: OrganizationRow,
  canonical: string,
): Record<string, unknown> {
  const salary = job.salary as SalaryRange | null;
  const remote = job.work_mode === 'remote';
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title: job.title,
    description: job.description_html || job.description,
    datePosted: new Date(job.published_at ?? Number(job.ats_created_at_ms)).toISOString(),
    url: canonical,
    identifier: { '@type': 'PropertyValue', name: org.name, value: job.ats_posting_id },
    hiringOrganization: { '@type': 'Organization', name: org.name },
    jobLocation: {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        addressLocality: job.location,
        ...(job.country ? { addressCountry: job.country } : {}),
      },
    },
    directApply: false,
  };
  const type = employmentType(job.commitment);
  if (type) ld.employmentType = type;
  if (remote) {
    ld.jobLocationType = 'TELECOMMUTE';
    if (job.country) ld.applicantLocationRequirements = { '@type': 'Country', name: job.country };
  }
  if (salary && (salary.min != null || salary.max != null) && salary.currency) {
    ld.baseSalary = {
      '@type': 'MonetaryAmount',
      currency: salary.currency,
      value: {
        '@type': 'QuantitativeValue',
        ...(salary.min != null ? { minValue: salary.min } : {}),
        ...(salary.max != null ? { maxValue: salary.max } : {}),
        unitText: SALARY_UNITS[salary.interval ?? ''] ?? 'YEAR',
      },
    };
  }
  return ld;
}

export const jsonLdScript = (value: unknown): SafeHtml =>
  raw(`<script type="application/ld+json">${jsonForScript(value)}</script>`);

const xmlEscape = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

export function sitemapXml(entries: readonly { loc: string; lastmod?: Date }[]): string {
  const urls = entries
    .map(
      (e) =>
        `  <url><loc>${xmlEscape(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod.toISOString()}</lastmod>` : ''}</url>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}
