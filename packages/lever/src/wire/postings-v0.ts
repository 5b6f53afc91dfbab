// Public Postings API v0 (reference §6): unauthenticated reads of published postings, bare JSON arrays.
import { Type, type Static } from 'typebox';
import { Id, Nullable, Timestamp } from './common.ts';
import { WorkplaceType, type PostingsV0Group } from './enums.ts';
import { PostingList, SalaryRange } from './posting.ts';

export const PostingV0 = Type.Object({
  id: Id,
  text: Type.String(),
  categories: Type.Object({
    location: Type.Optional(Type.String()),
    commitment: Type.Optional(Type.String()),
    team: Type.Optional(Type.String()),
    department: Type.Optional(Type.String()),
    level: Type.Optional(Type.String()),
    allLocations: Type.Optional(Type.Array(Type.String())),
  }),
  country: Nullable(Type.String()),
  createdAt: Timestamp,
  opening: Type.String(),
  openingPlain: Type.String(),
  /** Opening + body. */
  description: Type.String(),
  descriptionPlain: Type.String(),
  descriptionBody: Type.String(),
  descriptionBodyPlain: Type.String(),
  lists: Type.Array(PostingList),
  additional: Type.String(),
  additionalPlain: Type.String(),
  hostedUrl: Type.String(),
  applyUrl: Type.String(),
  workplaceType: WorkplaceType,
  salaryRange: Type.Optional(SalaryRange),
  salaryDescription: Type.Optional(Type.String()),
  salaryDescriptionPlain: Type.Optional(Type.String()),
});
export type PostingV0 = Static<typeof PostingV0>;

/** `GET /v0/postings/:site` → bare array; with `group`, an array of `{title, postings}` [M]. */
export const PostingV0List = Type.Array(PostingV0);
export const PostingV0Grouped = Type.Object({ title: Type.String(), postings: Type.Array(PostingV0) });
export type PostingV0Grouped = Static<typeof PostingV0Grouped>;

export interface ListPostingsV0Query {
  skip?: number;
  limit?: number;
  location?: string[];
  commitment?: string[];
  team?: string[];
  department?: string[];
  level?: string;
}
export interface GroupedPostingsV0Query extends ListPostingsV0Query {
  group: PostingsV0Group;
}

/** JSON body of `POST /v0/postings/:site/:id?key=…`; resume upload needs multipart (§6.3). */
export const PostingV0Apply = Type.Object({
  name: Type.String({ minLength: 1 }),
  email: Type.String({ pattern: '@' }),
  phone: Type.Optional(Type.String()),
  org: Type.Optional(Type.String()),
  urls: Type.Optional(Type.Record(Type.String(), Type.String())),
  comments: Type.Optional(Type.String()),
  silent: Type.Optional(Type.Union([Type.Boolean(), Type.Literal('true'), Type.Literal('false')])),
  source: Type.Optional(Type.String()),
  ip: Type.Optional(Type.String()),
  consent: Type.Optional(Type.Object({ marketing: Type.Optional(Type.Boolean()) })),
  opportunityLocation: Type.Optional(Type.String()),
});
export type PostingV0Apply = Static<typeof PostingV0Apply>;

export const PostingV0ApplyResult = Type.Union([
  Type.Object({ ok: Type.Literal(true), applicationId: Id }),
  Type.Object({ ok: Type.Literal(false), error: Type.String() }),
]);
export type PostingV0ApplyResult = Static<typeof PostingV0ApplyResult>;
