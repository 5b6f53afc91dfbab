// The integration settings (the seed article's form) as the domain sees them, what each setting needs from
// the API key, and the rule that decides whether a posting is published on the careers site.
import type { PermissionKey } from '@hireloop/lever/permissions';
import type { HiddenRule, IntegrationRow } from '../../db.ts';

export const SYNC_STATES = Object.freeze(['published', 'internal'] as const);
export type SyncState = (typeof SYNC_STATES)[number];
export const CHANNELS = Object.freeze(['public', 'internal', 'both'] as const);
export type Channel = (typeof CHANNELS)[number];
export const ENVIRONMENTS = Object.freeze(['embedded', 'production', 'sandbox', 'eu'] as const);
export type Environment = (typeof ENVIRONMENTS)[number];

export const DEFAULT_POLL_MINUTES = 15;
export const MIN_POLL_MINUTES = 1;
export const MAX_POLL_MINUTES = 24 * 60;
/** A blank start date means "recent changes only": this far back from when the integration was saved. */
export const RECENT_CHANGES_MS = 7 * 24 * 3600 * 1000;
/** Every this often a full listing replaces the delta poll, to catch deletions (Lever has no delete events). */
export const FULL_RECONCILE_MS = 6 * 3600 * 1000;

export interface IntegrationSettings {
  readonly name: string;
  readonly environment: Environment;
  readonly companyCode: string;
  readonly syncStates: readonly SyncState[];
  readonly channel: Channel;
  readonly remoteRegex: string;
  readonly hybridRegex: string;
  readonly hiddenRules: readonly HiddenRule[];
  readonly syncResumes: boolean;
  readonly jobPollMinutes: number;
  readonly candidatePollMinutes: number;
  readonly jobsStartAt: Date | null;
  readonly candidatesStartAt: Date | null;
  readonly importUnknownCandidates: boolean;
}

export interface NeededPermission {
  readonly key: PermissionKey;
  /** Why the settings need it, for the error message. */
  readonly because: string;
}

/**
 * Read permissions the chosen settings need — nothing else. Write permissions are never needed (the app
 * never writes to the ATS). `expand=stage,applications` on the opportunity list is covered by
 * `opportunities:list`.
 */
export function neededPermissions(s: Pick<IntegrationSettings, 'syncResumes'>): NeededPermission[] {
  const needed: NeededPermission[] = [
    { key: 'postings:list', because: 'jobs are synced from the ATS postings' },
    { key: 'opportunities:list', because: 'candidates are synced from the ATS opportunities' },
    { key: 'stages:list', because: 'candidates are listed with their latest ATS stage' },
  ];
  if (s.syncResumes) {
    needed.push(
      { key: 'resumes:list', because: '"Sync resumes" is on' },
      { key: 'resumes:download', because: '"Sync resumes" is on' },
    );
  }
  return needed;
}

export const wantedChannels = (channel: Channel): string[] =>
  channel === 'both' ? ['public', 'internal'] : [channel];

/** Published on the careers site: a chosen state, on the chosen distribution channel. */
export function isOnChosenChannel(
  posting: { state: string; distributionChannels: readonly string[] | null },
  s: Pick<IntegrationSettings, 'syncStates' | 'channel'>,
): boolean {
  if (!(s.syncStates as readonly string[]).includes(posting.state)) return false;
  // Lever's legacy `internal` state may carry no channels; it means the internal job site.
  const channels = posting.distributionChannels ?? (posting.state === 'internal' ? ['internal'] : []);
  const wanted = wantedChannels(s.channel);
  return channels.some((c) => wanted.includes(c));
}

export const toSettings = (row: IntegrationRow): IntegrationSettings => ({
  name: row.name,
  environment: row.environment,
  companyCode: row.company_code,
  syncStates: row.sync_states.filter((s): s is SyncState => (SYNC_STATES as readonly string[]).includes(s)),
  channel: row.channel,
  remoteRegex: row.remote_regex,
  hybridRegex: row.hybrid_regex,
  hiddenRules: row.hidden_rules,
  syncResumes: row.sync_resumes,
  jobPollMinutes: row.job_poll_minutes,
  candidatePollMinutes: row.candidate_poll_minutes,
  jobsStartAt: row.jobs_start_at,
  candidatesStartAt: row.candidates_start_at,
  importUnknownCandidates: row.import_unknown_candidates,
});
