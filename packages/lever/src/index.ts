// @hireloop/lever — the Lever contract shared by the ATS and the apps. Imports nothing internal.
// Subpaths (`@hireloop/lever/<file>`) reach each module directly; test factories live in `./fixtures`.
export * from './wire/index.ts';
export * from './permissions.ts';
export * from './scopes.ts';
export * from './webhook-signature.ts';
export * from './webhook-receiver.ts';
export * from './hosts.ts';
export * from './oauth.ts';
export * from './oauth-connection.ts';
export * from './client/index.ts';
