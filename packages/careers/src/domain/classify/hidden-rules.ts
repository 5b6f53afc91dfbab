// Hidden-jobs criteria: a job matching any rule is synced but never published (its page is a 404/"no longer
// open" page). Rules compare case-insensitively and never use regexes, so they cost nothing to evaluate.
import type { HiddenField, HiddenOp, HiddenRule } from '../../db.ts';

export const HIDDEN_FIELDS: readonly HiddenField[] = Object.freeze([
  'tag',
  'team',
  'department',
  'location',
  'title',
]);
export const HIDDEN_OPS: readonly HiddenOp[] = Object.freeze(['equals', 'contains']);
export const MAX_HIDDEN_RULES = 20;

export interface HideableJob {
  readonly title: string;
  readonly team: string | null;
  readonly department: string | null;
  readonly location: string | null;
  readonly tags: readonly string[];
}

const valuesOf = (job: HideableJob, field: HiddenField): string[] => {
  switch (field) {
    case 'tag':
      return [...job.tags];
    case 'title':
      return [job.title];
    default:
      return job[field] ? [job[field]!] : [];
  }
};

const matches = (value: string, rule: HiddenRule): boolean => {
  const a = value.trim().toLowerCase();
  const b = rule.value.trim().toLowerCase();
  return rule.op === 'equals' ? a === b : a.includes(b);
};

/** The first rule the job matches, described for people (`team equals "Sales"`), or undefined. */
export function hiddenBy(job: HideableJob, rules: readonly HiddenRule[]): string | undefined {
  for (const rule of rules) {
    if (!rule.value.trim()) continue;
    if (valuesOf(job, rule.field).some((v) => matches(v, rule)))
      return `${rule.field} ${rule.op} "${rule.value.trim()}"`;
  }
  return undefined;
}

/** Parses "field op value" lines from the form (`team equals Sales`, `title contains intern`). */
export function parseHiddenRules(text: string): { rules: HiddenRule[]; error?: string } {
  const rules: HiddenRule[] = [];
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > MAX_HIDDEN_RULES)
    return { rules, error: `At most ${MAX_HIDDEN_RULES} hidden-job rules` };
  for (const [i, line] of lines.entries()) {
    const m = /^(\S+)\s+(\S+)\s+(.+)$/.exec(line);
    const field = m?.[1]?.toLowerCase() as HiddenField | undefined;
    const op = m?.[2]?.toLowerCase() as HiddenOp | undefined;
    if (!m || !field || !op || !HIDDEN_FIELDS.includes(field) || !HIDDEN_OPS.includes(op)) {
      return {
        rules,
        error: `Hidden-job rule ${i + 1} ("${line}") should read "<${HIDDEN_FIELDS.join('|')}> <equals|contains> <value>"`,
      };
    }
    rules.push({ field, op, value: m[3]!.trim().replace(/^"(.*)"$/, '$1') });
  }
  return { rules };
}

export const formatHiddenRules = (rules: readonly HiddenRule[]): string =>
  rules.map((r) => `${r.field} ${r.op} ${r.value}`).join('\n');
