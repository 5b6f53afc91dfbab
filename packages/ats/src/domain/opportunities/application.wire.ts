// Application row (with its posting's owner/hiring manager and the opportunity's archive state) → Lever
// application wire shape (reference §2.5). `candidateId` is the legacy alias of `opportunityId`.
import type { Application } from '@hireloop/lever/wire';
import type { ApplicationView } from './application.repository.ts';

export function toLeverApplication(a: ApplicationView): Application {
  return {
    id: a.id,
    type: a.type as Application['type'],
    candidateId: a.opportunity_id,
    opportunityId: a.opportunity_id,
    posting: a.posting_id,
    postingHiringManager: a.posting_hiring_manager_id,
    postingOwner: a.posting_owner_id,
    name: a.name,
    company: a.company,
    phone: a.phone,
    email: a.email,
    links: a.links,
    comments: a.comments,
    user: a.user_id,
    customQuestions: a.custom_questions as Application['customQuestions'],
    createdAt: a.created_at.getTime(),
    archived:
      a.archived_at && a.archive_reason_id
        ? { reason: a.archive_reason_id, archivedAt: a.archived_at.getTime() }
        : null,
    requisitionForHire: a.requisition_for_hire,
    ipAddress: a.ip_address,
    referer: a.referer,
    userAgent: a.user_agent,
    acceptLanguage: null,
    timezone: null,
  };
}
