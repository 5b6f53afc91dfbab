// Referral = a completed referral form on an opportunity; read-only via the API (reference §2.9).
import { Type, type Static } from 'typebox';
import { Id, Nullable, Timestamp } from './common.ts';

export const FormField = Type.Object({
  type: Type.String(),
  text: Type.String(),
  description: Type.Optional(Type.String()),
  required: Type.Boolean(),
  value: Type.Unknown(),
  prompt: Type.Optional(Type.String()),
  options: Type.Optional(Type.Array(Type.Unknown())),
});

export const Referral = Type.Object({
  id: Id,
  type: Type.String(),
  text: Type.String(),
  instructions: Type.Optional(Type.String()),
  fields: Type.Array(FormField),
  baseTemplateId: Nullable(Id),
  user: Nullable(Id),
  referrer: Nullable(Id),
  stage: Nullable(Id),
  createdAt: Timestamp,
  completedAt: Nullable(Timestamp),
});
export type Referral = Static<typeof Referral>;
