// Pure rules from ATS state to referral status. The mapping table (referrals.stage_mapping) holds one status
// per ATS stage id; defaults come from defaultStatusForStage, and archive state overrides the stage:
// archived with a "hired" reason → Hired, archived otherwise → Not selected (the rule).
import type { ReferralStatus } from '../statuses.ts';

export interface AtsStageInfo {
  id: string;
  text: string;
  /** From /disposition_stages when the grant allows: lead, applicant, screen, onsite, offer. */
  pipeline?: string | null;
}

/** A sensible default: by Lever's built-in ids, then by pipeline, then by words in the stage name. */
export function defaultStatusForStage(stage: AtsStageInfo): ReferralStatus {
  const id = stage.id;
  if (id === 'lead-new' || id === 'lead-reached-out' || id === 'lead-responded' || id === 'applicant-new')
    return 'submitted';
  if (id === 'offer') return 'offer';
  switch (stage.pipeline) {
    case 'lead':
    case 'applicant':
      return 'submitted';
    case 'screen':
      return 'in_review';
    case 'onsite':
      return 'interviewing';
    case 'offer':
      return 'offer';
  }
  const text = stage.text.toLowerCase();
  if (/\bhired?\b/.test(text)) return 'hired';
  if (/offer|reference/.test(text)) return 'offer';
  if (/interview|on-?site|assessment|challenge|panel|final/.test(text)) return 'interviewing';
  if (/new|applied|lead/.test(text)) return 'submitted';
  return 'in_review';
}

export interface OpportunityState {
  stageId: string | null;
  archived: { reason: string | null; archivedAt: number | null } | null;
}

export interface MappingRules {
  /** ATS stage id → status. */
  stageStatus: ReadonlyMap<string, ReferralStatus>;
  /** Archive reason ids whose type is "hired". */
  hiredReasonIds: ReadonlySet<string>;
}

/** The referral status an opportunity's current state means. Unmapped stages count as In review. */
export function statusForOpportunity(state: OpportunityState, rules: MappingRules): ReferralStatus {
  if (state.archived) {
    return state.archived.reason && rules.hiredReasonIds.has(state.archived.reason)
      ? 'hired'
      : 'not_selected';
  }
  if (!state.stageId) return 'submitted';
  return rules.stageStatus.get(state.stageId) ?? 'in_review';
}
