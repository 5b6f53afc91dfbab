// The integration form's fields → IntegrationSettings, or a message per field that says what to fix.
import { parseHiddenRules } from '../classify/hidden-rules.ts';
import { compileLocationRegex, RegexError } from '../classify/work-mode.ts';
import {
  CHANNELS,
  DEFAULT_POLL_MINUTES,
  ENVIRONMENTS,
  MAX_POLL_MINUTES,
  MIN_POLL_MINUTES,
  SYNC_STATES,
  type Channel,
  type Environment,
  type IntegrationSettings,
  type SyncState,
} from './settings.ts';

export interface SettingsForm {
  name: string;
  environment: string;
  apiKey: string;
  companyCode: string;
  syncStates: string[];
  channel: string;
  remoteRegex: string;
  hybridRegex: string;
  hiddenRules: string;
  syncResumes: boolean;
  jobPollMinutes: string;
  candidatePollMinutes: string;
  jobsStartAt: string;
  candidatesStartAt: string;
  importUnknownCandidates: boolean;
}

export type FieldErrors = Partial<Record<keyof SettingsForm, string>>;

const COMPANY_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

function parseMinutes(label: string, raw: string): number | string {
  const text = raw.trim();
  if (!text) return DEFAULT_POLL_MINUTES;
  if (!/^\d+$/.test(text)) return `${label}: enter whole minutes`;
  const n = Number(text);
  if (n < MIN_POLL_MINUTES) return `${label}: the minimum is ${MIN_POLL_MINUTES} minute`;
  if (n > MAX_POLL_MINUTES) return `${label}: the maximum is ${MAX_POLL_MINUTES} minutes (one day)`;
  return n;
}

function parseDate(label: string, raw: string): Date | null | string {
  const text = raw.trim();
  if (!text) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${label}: use the date picker (YYYY-MM-DD)`;
  const d = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? `${label}: not a date` : d;
}

export function parseSettingsForm(f: SettingsForm): { settings?: IntegrationSettings; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = f.name.trim();
  if (!name) errors.name = 'Give the integration a name, e.g. "Lever production"';
  else if (name.length > 120) errors.name = 'Keep the name under 120 characters';
  if (!(ENVIRONMENTS as readonly string[]).includes(f.environment))
    errors.environment = 'Choose where your ATS is';
  const companyCode = f.companyCode.trim();
  if (!COMPANY_CODE.test(companyCode))
    errors.companyCode =
      'Enter the company code: the part after /jobs/ (or jobs.lever.co/) in your job site address';
  const syncStates = f.syncStates.filter((s): s is SyncState =>
    (SYNC_STATES as readonly string[]).includes(s),
  );
  if (syncStates.length === 0)
    errors.syncStates = 'Choose which postings to sync: published, internal or both';
  if (!(CHANNELS as readonly string[]).includes(f.channel)) errors.channel = 'Choose a distribution channel';
  for (const [field, label] of [
    ['remoteRegex', 'Remote pattern'],
    ['hybridRegex', 'Hybrid pattern'],
  ] as const) {
    try {
      compileLocationRegex(field, label, f[field]);
    } catch (error) {
      if (!(error instanceof RegexError)) throw error;
      errors[field] = error.message;
    }
  }
  const hidden = parseHiddenRules(f.hiddenRules);
  if (hidden.error) errors.hiddenRules = hidden.error;
  const jobPoll = parseMinutes('Job poll interval', f.jobPollMinutes);
  if (typeof jobPoll === 'string') errors.jobPollMinutes = jobPoll;
  const candidatePoll = parseMinutes('Candidate poll interval', f.candidatePollMinutes);
  if (typeof candidatePoll === 'string') errors.candidatePollMinutes = candidatePoll;
  const jobsStartAt = parseDate('Jobs start date', f.jobsStartAt);
  if (typeof jobsStartAt === 'string') errors.jobsStartAt = jobsStartAt;
  const candidatesStartAt = parseDate('Candidates start date', f.candidatesStartAt);
  if (typeof candidatesStartAt === 'string') errors.candidatesStartAt = candidatesStartAt;
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    settings: {
      name,
      environment: f.environment as Environment,
      companyCode,
      syncStates,
      channel: f.channel as Channel,
      remoteRegex: f.remoteRegex.trim(),
      hybridRegex: f.hybridRegex.trim(),
      hiddenRules: hidden.rules,
      syncResumes: f.syncResumes,
      jobPollMinutes: jobPoll as number,
      candidatePollMinutes: candidatePoll as number,
      jobsStartAt: jobsStartAt as Date | null,
      candidatesStartAt: candidatesStartAt as Date | null,
      importUnknownCandidates: f.importUnknownCandidates,
    },
  };
}

export const dateInput = (d: Date | null): string => (d ? d.toISOString().slice(0, 10) : '');
