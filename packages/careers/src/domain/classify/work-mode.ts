// How a job is classified remote / hybrid / on-site (the seed's "how remote jobs are identified"):
//  1. the posting's structured `workplaceType` when the ATS set it (remote, hybrid, on-site);
//  2. otherwise the admin's regexes over `categories.location` — remote first, then hybrid;
//  3. otherwise on-site.
// The regexes are user input, so they run on RE2 (re2js): linear time in the input, no backtracking, so a
// pattern like `(a+)+$` cannot stall the worker however long the location is. Matching is case-insensitive
// and unanchored (a location "Remote — US" matches `remote`).
import { RE2JS } from 're2js';

export type WorkMode = 'remote' | 'hybrid' | 'on-site';
export const WORK_MODES: readonly WorkMode[] = Object.freeze(['remote', 'hybrid', 'on-site']);
export const WORK_MODE_LABELS: Readonly<Record<WorkMode, string>> = Object.freeze({
  remote: 'Remote',
  hybrid: 'Hybrid',
  'on-site': 'On-site',
});

/** Longest pattern accepted; RE2 is linear in the input, but the program size grows with the pattern. */
export const MAX_REGEX_LENGTH = 500;
/** Locations longer than this are cut before matching (a location is a short string; this is a ceiling). */
export const MAX_MATCH_INPUT = 10_000;

export class RegexError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'RegexError';
    this.field = field;
  }
}

export type CompiledRegex = { test(input: string): boolean } | undefined;

/** Compiles an admin's pattern with RE2 semantics; a blank pattern is "not used". Throws RegexError. */
export function compileLocationRegex(field: string, label: string, source: string): CompiledRegex {
  const pattern = source.trim();
  if (!pattern) return undefined;
  if (pattern.length > MAX_REGEX_LENGTH)
    throw new RegexError(field, `${label}: keep the pattern under ${MAX_REGEX_LENGTH} characters`);
  let re: ReturnType<typeof RE2JS.compile>;
  try {
    re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    const detail = (error as Error).message.replace(/^error parsing regexp:\s*/, '');
    throw new RegexError(
      field,
      `${label} is not a valid regular expression (RE2 syntax: no look-around or back-references): ${detail}`,
    );
  }
  return { test: (input) => re.matcher(input.slice(0, MAX_MATCH_INPUT)).find() };
}

export interface WorkModeRules {
  readonly remote: CompiledRegex;
  readonly hybrid: CompiledRegex;
}

export function compileWorkModeRules(remote: string, hybrid: string): WorkModeRules {
  return {
    remote: compileLocationRegex('remoteRegex', 'Remote pattern', remote),
    hybrid: compileLocationRegex('hybridRegex', 'Hybrid pattern', hybrid),
  };
}

export interface Classified {
  readonly mode: WorkMode;
  /** `workplaceType`, `remote pattern`, `hybrid pattern` or `default`. */
  readonly source: string;
}

export function classifyWorkMode(
  posting: { workplaceType?: string | null; location: string | null | undefined },
  rules: WorkModeRules,
): Classified {
  const wt = posting.workplaceType;
  if (wt === 'remote' || wt === 'hybrid') return { mode: wt, source: 'workplaceType' };
  if (wt === 'on-site' || wt === 'onsite') return { mode: 'on-site', source: 'workplaceType' };
  const location = posting.location ?? '';
  if (rules.remote?.test(location)) return { mode: 'remote', source: 'remote pattern' };
  if (rules.hybrid?.test(location)) return { mode: 'hybrid', source: 'hybrid pattern' };
  return { mode: 'on-site', source: 'default' };
}
