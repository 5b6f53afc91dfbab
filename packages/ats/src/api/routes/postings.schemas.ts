// Request schemas of the /v1 postings endpoints (reference §2.2). Unknown body fields are ignored, as
// Lever clients send extra fields; unknown enum values are 400s naming the field (Ajv's enum check).
import { Type, type Static } from 'typebox';
import { Confidentiality, Origin, PostingWrite } from '@hireloop/lever/wire';
import { Limit, Multi, Offset, Text } from '../query.ts';

export const PostingParams = Type.Object({ posting: Type.String() });

export const PostingCreateBody = Type.Object({
  ...PostingWrite.properties,
  confidentiality: Type.Optional(Confidentiality),
});
export type PostingCreateBody = Static<typeof PostingCreateBody>;

export const PostingUpdateBody = Type.Partial(PostingCreateBody);
export type PostingUpdateBody = Static<typeof PostingUpdateBody>;

export const PerformAsQuery = Type.Object({ perform_as: Text });

export const ListPostingsQuery = Type.Object({
  state: Multi,
  distribution_channel: Multi,
  // The OpenAPI-derived spelling (reference §2.2); both are accepted.
  distributionChannel: Multi,
  team: Multi,
  department: Multi,
  location: Multi,
  commitment: Multi,
  level: Multi,
  tag: Multi,
  confidentiality: Text,
  updated_at_start: Text,
  updated_at_end: Text,
  include: Multi,
  expand: Multi,
  limit: Limit,
  offset: Offset,
});
export type ListPostingsQuery = Static<typeof ListPostingsQuery>;

export const GetPostingQuery = Type.Object({ expand: Multi, include: Multi });

export const DeletedPostingsQuery = Type.Object({
  deleted_at_start: Text,
  deleted_at_end: Text,
  limit: Limit,
  offset: Offset,
});

const NamedValue = Type.Object({ name: Type.String(), value: Type.Optional(Type.Unknown()) });

/** `POST /postings/:id/apply` (reference §2.2). EEO and diversity answers are accepted and not stored. */
export const ApplyBody = Type.Object({
  personalInformation: Type.Array(NamedValue),
  urls: Type.Optional(Type.Array(NamedValue)),
  customQuestions: Type.Optional(Type.Array(Type.Unknown())),
  eeoResponses: Type.Optional(Type.Unknown()),
  diversitySurvey: Type.Optional(Type.Unknown()),
  consent: Type.Optional(Type.Unknown()),
  ipAddress: Type.Optional(Type.String()),
  source: Type.Optional(Type.String()),
  origin: Type.Optional(Origin),
});
export type ApplyBody = Static<typeof ApplyBody>;

export const ApplyQuery = Type.Object({ perform_as: Text, send_confirmation_email: Text });
