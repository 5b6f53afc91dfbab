// Contact = the person behind one or more opportunities (reference §2.4). `location` is an object here
// but a plain string on the opportunity.
import { Type, type Static } from 'typebox';
import { Id, Nullable, Timestamp } from './common.ts';
import { PhoneType } from './enums.ts';

export const Phone = Type.Object({
  type: Type.Optional(Nullable(PhoneType)),
  value: Type.String(),
});
export type Phone = Static<typeof Phone>;

/** `{allowed, expiresAt}` consent entry inside `dataProtection` (§2.3, §2.4). */
export const DataProtectionEntry = Type.Object({
  allowed: Type.Boolean(),
  expiresAt: Nullable(Timestamp),
});

/** Keyed by purpose: `store`, `contact`, `interviewIntelligence`, … */
export const DataProtection = Type.Record(Type.String(), Nullable(DataProtectionEntry));
export type DataProtection = Static<typeof DataProtection>;

export const Contact = Type.Object({
  id: Id,
  name: Type.String(),
  headline: Nullable(Type.String()),
  isAnonymized: Type.Boolean(),
  location: Nullable(Type.Object({ name: Type.String() })),
  emails: Type.Array(Type.String()),
  phones: Type.Array(Phone),
  dataProtection: Type.Optional(Nullable(DataProtection)),
});
export type Contact = Static<typeof Contact>;

/** Body of `PUT /contacts/:id` → 200 `{data: contact}`. */
export const ContactUpdate = Type.Object({
  name: Type.String({ minLength: 1 }),
  headline: Type.Optional(Type.String()),
  location: Type.Optional(Type.Union([Type.String(), Type.Object({ name: Type.String() })])),
  emails: Type.Array(Type.String()),
  phones: Type.Array(Phone),
});
export type ContactUpdate = Static<typeof ContactUpdate>;
