// The OAuth scopes the referrals app asks for — exactly these, each for a reason (README "Scopes").
// Write scopes imply their read scope (lever/scopes.ts), so opportunities:write:admin also reads them.
export const REQUESTED_SCOPES = Object.freeze([
  'offline_access', // a refresh token: the connection keeps working after the 1-hour access token
  'postings:read:admin', // sync jobs (full, delta by updated_at_start, deleted postings)
  'stages:read:admin', // stage list for the mapping page (and /disposition_stages pipelines)
  'archive_reasons:read:admin', // which archive reasons mean "hired" (archived → Not selected unless hired)
  'opportunities:write:admin', // create the referred candidate's opportunity; re-read it on webhooks; tags, sources
  'applications:read:admin', // match applicationCreated (ATS-hosted apply) to the referral's posting
  'notes:write:admin', // the endorsement and "referred by" notes
  'files:write:admin', // resume and cover letter on the opportunity
  'users:read:admin', // find the ATS user with the employee's email to credit as referrer
  'webhooks:write:admin', // create and delete the app's own webhooks (stage, archive, hired, deleted, applied)
] as const);
