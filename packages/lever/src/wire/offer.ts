// Offers — read-only via the API (reference §2.10). Field identifiers are template-driven.
import { Type, type Static } from 'typebox';
import { Id, Nullable, Timestamp } from './common.ts';
import { OfferStatus } from './enums.ts';

export const OfferField = Type.Object({
  text: Type.String(),
  identifier: Type.String(),
  /** String or number; dates are ms. */
  value: Nullable(Type.Union([Type.String(), Type.Number()])),
});

export const OfferSignature = Type.Object({
  role: Type.String(),
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
  firstOpenedAt: Nullable(Timestamp),
  lastOpenedAt: Nullable(Timestamp),
  signedAt: Nullable(Timestamp),
  signed: Type.Boolean(),
});

export const OfferDocument = Type.Object({
  fileName: Type.String(),
  uploadedAt: Nullable(Timestamp),
  downloadUrl: Type.String(),
});

export const Offer = Type.Object({
  id: Id,
  posting: Nullable(Id),
  createdAt: Timestamp,
  status: OfferStatus,
  creator: Nullable(Id),
  fields: Type.Array(OfferField),
  /** Keyed by signer role, e.g. `candidate` (§2.10) [M]. */
  signatures: Type.Optional(Type.Record(Type.String(), OfferSignature)),
  approved: Type.Optional(Nullable(Type.Boolean())),
  approvedAt: Type.Optional(Nullable(Timestamp)),
  sentAt: Type.Optional(Nullable(Timestamp)),
  sentDocument: Nullable(OfferDocument),
  signedDocument: Nullable(OfferDocument),
});
export type Offer = Static<typeof Offer>;
