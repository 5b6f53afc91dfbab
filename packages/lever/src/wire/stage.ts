// Stages, archive reasons, sources and tags (reference §2.6).
import { Type, type Static } from 'typebox';
import { Id, Nullable } from './common.ts';
import { ArchiveReasonStatus, ArchiveReasonType, StagePipeline } from './enums.ts';

/** `GET /stages[/:id]`; also the shape of an expanded `stage` on an opportunity. */
export const Stage = Type.Object({ id: Id, text: Type.String() });
export type Stage = Static<typeof Stage>;

export const ArchiveReason = Type.Object({
  id: Id,
  text: Type.String(),
  status: ArchiveReasonStatus,
  type: ArchiveReasonType,
});
export type ArchiveReason = Static<typeof ArchiveReason>;

/** `GET /disposition_stages` → `{data: {stages, archiveReasons}}`; there archive `type` is `hired` or null. */
export const DispositionStages = Type.Object({
  stages: Type.Array(
    Type.Object({
      id: Id,
      text: Type.String(),
      pipeline: StagePipeline,
      rank: Type.Number(),
      hasInterview: Type.Boolean(),
    }),
  ),
  archiveReasons: Type.Array(
    Type.Object({ id: Id, text: Type.String(), type: Nullable(Type.Literal('hired')) }),
  ),
});
export type DispositionStages = Static<typeof DispositionStages>;

/** `GET /sources` and `GET /tags` items: free-text labels with usage counts, no ids. */
export const TextCount = Type.Object({ text: Type.String(), count: Type.Integer({ minimum: 0 }) });
export type TextCount = Static<typeof TextCount>;
export const Source = TextCount;
export type Source = TextCount;
export const Tag = TextCount;
export type Tag = TextCount;
