// Opportunity with `?expand=` applied (reference §1.7): id references replaced by objects. A client
// that asks for only some expansions gets a mix; this type is the all-expanded extreme.
import { Type, type Static } from 'typebox';
import { Id, Nullable } from './common.ts';
import { Application } from './application.ts';
import { Contact } from './contact.ts';
import { OpportunityProperties } from './opportunity.ts';
import { Stage } from './stage.ts';
import { User } from './user.ts';

export const ExpandedOpportunity = Type.Object({
  ...OpportunityProperties,
  applications: Type.Array(Application),
  stage: Nullable(Stage),
  owner: Nullable(User),
  followers: Type.Array(User),
  sourcedBy: Nullable(User),
  contact: Contact,
});
export type ExpandedOpportunity = Static<typeof ExpandedOpportunity>;

/**
 * An opportunity as `GET /opportunities[/:id]?expand=…` answers it: each field named in `expand` is an object,
 * every other one stays an id. What the published schema (OpenAPI) says those two reads return.
 */
export const ExpandableOpportunity = Type.Object({
  ...OpportunityProperties,
  applications: Type.Array(Type.Union([Id, Application])),
  stage: Nullable(Type.Union([Id, Stage])),
  owner: Nullable(Type.Union([Id, User])),
  followers: Type.Array(Type.Union([Id, User])),
  sourcedBy: Nullable(Type.Union([Id, User])),
  contact: Type.Union([Id, Contact]),
});
export type ExpandableOpportunity = Static<typeof ExpandableOpportunity>;
