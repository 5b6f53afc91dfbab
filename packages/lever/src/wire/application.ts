// Application = the link of an opportunity to a posting (reference §2.5). At most one per opportunity [M].
import { Type, type Static } from 'typebox';
import { Id, Nullable, Timestamp } from './common.ts';
import { Phone } from './contact.ts';
import { ApplicationType } from './enums.ts';
import { Archived } from './opportunity.ts';

export const RequisitionForHire = Type.Object({
  id: Id,
  requisitionCode: Nullable(Type.String()),
  hiringManagerOnHire: Nullable(Id),
});

export const Application = Type.Object({
  id: Id,
  type: ApplicationType,
  /** Legacy alias; always equals `opportunityId` (§2.5). */
  candidateId: Id,
  opportunityId: Id,
  posting: Nullable(Id),
  postingHiringManager: Nullable(Id),
  postingOwner: Nullable(Id),
  name: Nullable(Type.String()),
  company: Nullable(Type.String()),
  phone: Nullable(Type.Union([Phone, Type.String()])),
  email: Nullable(Type.String()),
  links: Type.Array(Type.String()),
  comments: Nullable(Type.String()),
  user: Nullable(Id),
  /** Completed custom-question forms; inner shape follows the posting's application form. */
  customQuestions: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  createdAt: Timestamp,
  archived: Nullable(Archived),
  requisitionForHire: Nullable(RequisitionForHire),
  ipAddress: Nullable(Type.String()),
  referer: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  acceptLanguage: Nullable(Type.String()),
  timezone: Nullable(Type.String()),
});
export type Application = Static<typeof Application>;
