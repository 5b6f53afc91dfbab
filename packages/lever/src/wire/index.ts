// The wire contract: every Lever shape as a TypeBox schema (value) and a `Static` type of the same name.
export * from './common.ts';
export * from './enums.ts';
export * from './posting.ts';
export * from './contact.ts';
export * from './opportunity.ts';
export * from './application.ts';
export * from './expanded.ts';
export * from './note.ts';
export * from './file.ts';
export * from './offer.ts';
export * from './referral.ts';
export * from './user.ts';
export * from './stage.ts';
export * from './webhook-events.ts';
export * from './webhook.ts';
export * from './postings-v0.ts';
