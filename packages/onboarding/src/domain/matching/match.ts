// Matching ATS values (posting location / team strings — Lever has no locations API) to the app's offices
// and teams. Pure: an exact match needs nothing; otherwise suggestions, best first: the same but for case,
// the same but for spacing/punctuation, a near miss (edit distance), or one contains the other's words.
export type SuggestionReason = 'case' | 'spacing' | 'near' | 'partial';

export interface Target {
  readonly id: string;
  readonly name: string;
}

export interface Suggestion {
  readonly target: Target;
  readonly reason: SuggestionReason;
}

export const SUGGESTION_LABELS: Readonly<Record<SuggestionReason, string>> = Object.freeze({
  case: 'differs only in case',
  spacing: 'differs only in spacing or punctuation',
  near: 'near miss',
  partial: 'partly matches',
});

const squash = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s.,;:()\-_/]+/g, ' ')
    .trim();
const words = (s: string) => new Set(squash(s).split(' ').filter(Boolean));

/** Levenshtein distance, two rows; inputs are short (place and team names). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Near enough to suggest: at most 2 edits, or 20% of the longer name. */
const isNear = (a: string, b: string) =>
  editDistance(a, b) <= Math.max(2, Math.floor(Math.max(a.length, b.length) * 0.2));

export function exactMatch(value: string, targets: readonly Target[]): Target | undefined {
  return targets.find((t) => t.name === value);
}

export function suggest(value: string, targets: readonly Target[]): Suggestion[] {
  const ranked: (Suggestion & { rank: number })[] = [];
  const v = squash(value);
  const vw = words(value);
  for (const target of targets) {
    if (target.name === value) continue;
    const t = squash(target.name);
    let reason: SuggestionReason | undefined;
    if (target.name.toLowerCase() === value.toLowerCase()) reason = 'case';
    else if (t === v || t.replace(/ /g, '') === v.replace(/ /g, '')) reason = 'spacing';
    else if (isNear(t, v)) reason = 'near';
    else {
      const tw = words(target.name);
      const shared = [...tw].filter((w) => vw.has(w)).length;
      if (shared > 0 && (shared === tw.size || shared === vw.size)) reason = 'partial';
    }
    if (reason) ranked.push({ target, reason, rank: ['case', 'spacing', 'near', 'partial'].indexOf(reason) });
  }
  return ranked.sort((a, b) => a.rank - b.rank).map(({ target, reason }) => ({ target, reason }));
}

export interface Resolution {
  readonly target: Target | undefined;
  readonly how: 'exact' | 'mapped' | 'unmatched';
}

/** The office/team an ATS value goes to: a person's mapping wins, else an exact name match. */
export function resolve(
  value: string,
  targets: readonly Target[],
  mappings: ReadonlyMap<string, string>,
): Resolution {
  const mapped = mappings.get(value);
  const target = mapped ? targets.find((t) => t.id === mapped) : undefined;
  if (target) return { target, how: 'mapped' };
  const exact = exactMatch(value, targets);
  return exact ? { target: exact, how: 'exact' } : { target: undefined, how: 'unmatched' };
}
