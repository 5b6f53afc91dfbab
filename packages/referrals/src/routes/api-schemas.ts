// Wire shapes of the referrals JSON API (TypeBox values; the OpenAPI document is built from them).
import { Type } from 'typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Uuid = Type.String({ pattern: '^[0-9a-fA-F-]{36}$' });

export const Job = Type.Object({
  id: Uuid,
  atsPostingId: Type.String(),
  title: Type.String(),
  location: Type.Union([Type.String(), Type.Null()]),
  team: Type.Union([Type.String(), Type.Null()]),
  commitment: Type.Union([Type.String(), Type.Null()]),
  reward: Type.String({
    description: 'As shown to referrers, e.g. "3,000 USD" or "Win an iPad"; "—" for none',
  }),
  description: Type.String(),
});

export const Reward = Type.Object({
  kind: Type.String({ enum: ['none', 'money', 'text'] }),
  amount: Type.Union([Type.Number(), Type.Null()]),
  currency: Nullable(Type.String()),
  text: Nullable(Type.String()),
});

export const Referral = Type.Object({
  id: Uuid,
  type: Type.String({ enum: ['internal', 'external'] }),
  channel: Type.String({ enum: ['direct', 'link', 'ats_match'] }),
  jobId: Type.Union([Uuid, Type.Null()]),
  jobTitle: Type.String(),
  candidateName: Type.String(),
  candidateEmail: Nullable(Type.String()),
  status: Type.String({ description: 'submitted, in_review, interviewing, offer, hired, not_selected' }),
  reward: Reward,
  payoutState: Type.Union([Type.String({ enum: ['pending', 'due', 'paid', 'cancelled'] }), Type.Null()]),
  atsOpportunityId: Nullable(Type.String()),
  anonymized: Type.Boolean(),
  createdAt: Type.Integer({ description: 'ms since epoch' }),
  updatedAt: Type.Integer(),
});

export const Timeline = Type.Object({
  history: Type.Array(
    Type.Object({
      from: Nullable(Type.String()),
      to: Type.String(),
      source: Type.String(),
      at: Type.Integer(),
    }),
  ),
  payouts: Type.Array(
    Type.Object({
      state: Type.String(),
      amount: Type.Union([Type.Number(), Type.Null()]),
      currency: Nullable(Type.String()),
      text: Nullable(Type.String()),
      note: Nullable(Type.String()),
      at: Type.Integer(),
    }),
  ),
});

export const ReferInput = Type.Object(
  {
    jobId: Uuid,
    candidateName: Type.String({ minLength: 1, maxLength: 200 }),
    candidateEmail: Type.String({ maxLength: 320 }),
    candidatePhone: Type.Optional(Type.String({ maxLength: 25 })),
    relationship: Type.Optional(Type.String({ maxLength: 200 })),
    endorsement: Type.Optional(Type.String({ maxLength: 5000 })),
    resume: Type.Optional(
      Type.Object({
        filename: Type.String({ maxLength: 200 }),
        contentType: Type.String({ maxLength: 100 }),
        data: Type.String({ description: 'base64, at most 10 MB decoded', maxLength: 14_000_000 }),
      }),
    ),
  },
  { additionalProperties: false },
);

export const Link = Type.Object({
  code: Type.String(),
  url: Type.String(),
  jobId: Type.Union([Uuid, Type.Null()]),
});
export const Me = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: Type.String({ enum: ['admin', 'employee', 'external'] }),
  organizationId: Uuid,
});
export const Bars = Type.Array(Type.Object({ label: Type.String(), value: Type.Integer() }));
export const Dashboard = Type.Object({ byJob: Bars, byReferrer: Bars, byStatus: Bars, byType: Bars });
export const PayoutEntry = Type.Object({
  id: Uuid,
  referralId: Uuid,
  state: Type.String(),
  amount: Type.Union([Type.Number(), Type.Null()]),
  currency: Nullable(Type.String()),
  rewardText: Nullable(Type.String()),
  note: Nullable(Type.String()),
  candidateName: Type.String(),
  jobTitle: Type.String(),
  referrer: Nullable(Type.String()),
  createdAt: Type.Integer(),
});
export const Invite = Type.Object(
  {
    email: Type.String({ maxLength: 320 }),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    role: Type.String({ enum: ['employee', 'external', 'admin'] }),
  },
  { additionalProperties: false },
);
export const ApiError = Type.Object({ code: Type.String(), message: Type.String() });
export const data = <T extends object>(t: T) => Type.Object({ data: t as never });
