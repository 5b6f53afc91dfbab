// Archive reason rows → Lever wire shapes (reference §2.6). In /disposition_stages the `type` is `hired`
// or null (Lever's recorded response), while /archive_reasons says `hired` or `non-hired`.
import type { ArchiveReason } from '@hireloop/lever/wire';
import type { ArchiveReasonRow } from './archive-reason.repository.ts';

export function toLeverArchiveReason(r: ArchiveReasonRow): ArchiveReason {
  return { id: r.id, text: r.text, status: r.status, type: r.type };
}

export function toLeverDispositionReason(r: ArchiveReasonRow): {
  id: string;
  text: string;
  type: 'hired' | null;
} {
  return { id: r.id, text: r.text, type: r.type === 'hired' ? 'hired' : null };
}
