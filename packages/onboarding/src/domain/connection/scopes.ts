// The OAuth scopes the onboarding app asks for — exactly these (README "Scopes"): read what a hire needs,
// manage our own webhooks.
export const REQUESTED_SCOPES = Object.freeze([
  'offline_access', // a refresh token: the connection outlives the 1-hour access token
  'opportunities:read:admin', // re-fetch the hired opportunity (the webhook payload is only a hint)
  'postings:read:admin', // the hire's posting (title, location, team, hiring manager) and the matching page
  'offers:read:admin', // the offer's anticipated start date
  'users:read:admin', // the hiring manager's name and email
  'archive_reasons:read:admin', // which archive reasons mean "hired"
  'webhooks:write:admin', // create, rotate and delete the app's own webhooks
] as const);
