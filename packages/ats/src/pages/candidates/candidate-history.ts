// The profile's history: one timeline, newest first, built from what the candidate's records already
// hold — applications, stage changes (with who moved them), archive changes (event log), notes, referrals
// and offers. Pure: a function of the loaded profile.
import { html, type SafeHtml } from '@hireloop/platform/html';
import type { CandidateProfile } from './candidate-profile.repository.ts';

export interface HistoryItem {
  readonly at: Date;
  readonly text: SafeHtml;
}

export function buildHistory(p: CandidateProfile): HistoryItem[] {
  const stage = new Map(p.stages.map((s) => [s.id, s.text]));
  const reason = new Map(p.archiveReasons.map((r) => [r.id, r.text]));
  const who = (id: string | null | undefined): SafeHtml =>
    id && p.users.get(id) ? html` by ${p.users.get(id)}` : html``;
  const items: HistoryItem[] = [];
  for (const a of p.applications) {
    const posting = a.posting_id ? p.postings.get(a.posting_id) : undefined;
    items.push({
      at: a.created_at,
      text: posting
        ? html`Applied to <strong>${posting}</strong> (${a.type})`
        : html`Added to the pipeline (${a.type})`,
    });
  }
  for (const s of p.opportunity.stage_changes) {
    items.push({
      at: new Date(s.updatedAt),
      text: html`Moved to <strong>${stage.get(s.toStageId) ?? s.toStageId}</strong>${who(s.userId)}`,
    });
  }
  for (const c of p.archiveChanges) {
    items.push({
      at: c.at,
      text: c.toReasonId
        ? html`Archived: <strong>${reason.get(c.toReasonId) ?? 'unknown reason'}</strong>`
        : html`Unarchived`,
    });
  }
  for (const n of p.notes) items.push({ at: n.created_at, text: html`Note added${who(n.user_id)}` });
  for (const r of p.referrals) items.push({ at: r.created_at, text: html`Referred${who(r.referrer_id)}` });
  for (const o of p.offers) items.push({ at: o.created_at, text: html`Offer created (${o.status})` });
  return items.sort((a, b) => b.at.getTime() - a.at.getTime());
}
