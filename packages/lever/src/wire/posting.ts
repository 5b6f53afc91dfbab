// Posting (job) as served by Data API v1 `GET /postings[/:id]` (reference §2.2), plus the write body.
import { Type, type Static } from 'typebox';
import { Id, Nullable, Timestamp, Urls } from './common.ts';
import {
  Confidentiality,
  DistributionChannel,
  PostingState,
  SalaryInterval,
  WORKPLACE_TYPES,
  WorkplaceType,
  type ConfidentialityFilter,
} from './enums.ts';

export const PostingCategories = Type.Object({
  commitment: Nullable(Type.String()),
  department: Nullable(Type.String()),
  level: Nullable(Type.String({ description: 'Deprecated but still returned' })),
  location: Nullable(Type.String()),
  team: Nullable(Type.String()),
  allLocations: Type.Array(Type.String()),
});
export type PostingCategories = Static<typeof PostingCategories>;

export const PostingList = Type.Object({
  text: Type.String(),
  content: Type.String({ description: 'Unstyled <li> HTML' }),
});

export const PostingContent = Type.Object({
  description: Type.String(),
  descriptionHtml: Type.String(),
  lists: Type.Array(PostingList),
  closing: Type.String(),
  closingHtml: Type.String(),
});
export type PostingContent = Static<typeof PostingContent>;

export const SalaryRange = Type.Object({
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  currency: Nullable(Type.String()),
  interval: Nullable(SalaryInterval),
});
export type SalaryRange = Static<typeof SalaryRange>;

export const Posting = Type.Object({
  id: Id,
  text: Type.String(),
  state: PostingState,
  /** `null` when not published (§2.2). */
  distributionChannels: Nullable(Type.Array(DistributionChannel)),
  user: Nullable(Id),
  owner: Nullable(Id),
  hiringManager: Nullable(Id),
  categories: PostingCategories,
  tags: Type.Array(Type.String()),
  content: PostingContent,
  country: Nullable(Type.String({ description: 'ISO 3166-1 alpha-2' })),
  followers: Type.Array(Id),
  reqCode: Nullable(Type.String()),
  requisitionCodes: Type.Array(Type.String()),
  /** `null` for drafts (§2.2). */
  urls: Nullable(Urls),
  confidentiality: Confidentiality,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  workplaceType: WorkplaceType,
  transcribeInterviews: Type.Optional(Type.Boolean()),
  screening: Type.Optional(Type.Object({ enabled: Type.Boolean() })),
  salaryRange: Type.Optional(Nullable(SalaryRange)),
  salaryDescription: Type.Optional(Nullable(Type.String())),
  salaryDescriptionHtml: Type.Optional(Nullable(Type.String())),
});
export type Posting = Static<typeof Posting>;

/**
 * Body of `POST /postings` (create, `perform_as` required) and `POST /postings/:id` (update — POST, not
 * PUT). Content accepts plain or HTML variants; writes may spell `workplaceType` as `onsite` (§2.2).
 */
export const PostingWrite = Type.Object({
  text: Type.String({ minLength: 1 }),
  state: Type.Optional(PostingState),
  categories: Type.Optional(
    Type.Object({
      team: Type.Optional(Type.String()),
      department: Type.Optional(Type.String()),
      location: Type.Optional(Type.String()),
      commitment: Type.Optional(Type.String()),
      level: Type.Optional(Type.String()),
    }),
  ),
  content: Type.Optional(
    Type.Object({
      description: Type.Optional(Type.String()),
      descriptionHtml: Type.Optional(Type.String()),
      lists: Type.Optional(Type.Array(PostingList)),
      closing: Type.Optional(Type.String()),
      closingHtml: Type.Optional(Type.String()),
    }),
  ),
  tags: Type.Optional(Type.Array(Type.String())),
  owner: Type.Optional(Id),
  hiringManager: Type.Optional(Id),
  followers: Type.Optional(Type.Array(Id)),
  distributionChannels: Type.Optional(Type.Array(DistributionChannel)),
  requisitionCodes: Type.Optional(Type.Array(Type.String())),
  workplaceType: Type.Optional(Type.Enum([...WORKPLACE_TYPES, 'onsite'])),
  country: Type.Optional(Type.String()),
  salaryRange: Type.Optional(SalaryRange),
  salaryDescription: Type.Optional(Type.String()),
  salaryDescriptionHtml: Type.Optional(Type.String()),
});
export type PostingWrite = Static<typeof PostingWrite>;

/** Query of `GET /postings` (§2.2). Array values are sent as repeated params (union). */
export interface ListPostingsQuery {
  state?: PostingState;
  distribution_channel?: DistributionChannel;
  team?: string[];
  department?: string[];
  location?: string[];
  commitment?: string[];
  level?: string[];
  tag?: string[];
  confidentiality?: ConfidentialityFilter;
  updated_at_start?: number;
  updated_at_end?: number;
  include?: ('content' | 'followers')[];
  expand?: ('user' | 'owner' | 'hiringManager' | 'followers')[];
  limit?: number;
}
