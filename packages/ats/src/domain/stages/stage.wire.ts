// Stage rows → Lever wire shapes (reference §2.6): `{id, text}` for /stages, and the richer disposition
// shape with pipeline, rank and hasInterview for /disposition_stages.
import type { Stage, StagePipeline } from '@hireloop/lever/wire';
import type { StageRow } from './stage.repository.ts';

export function toLeverStage(s: StageRow): Stage {
  return { id: s.id, text: s.text };
}

export function toLeverDispositionStage(s: StageRow) {
  return {
    id: s.id,
    text: s.text,
    pipeline: s.pipeline as StagePipeline,
    rank: s.rank,
    hasInterview: s.has_interview,
  };
}
