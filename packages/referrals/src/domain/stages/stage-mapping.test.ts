import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultStatusForStage, statusForOpportunity } from './stage-mapping.ts';

describe('stage mapping defaults', () => {
  it('maps built-in stage ids, pipelines and names', () => {
    const cases: [Parameters<typeof defaultStatusForStage>[0], string][] = [
      [{ id: 'lead-new', text: 'New lead' }, 'submitted'],
      [{ id: 'applicant-new', text: 'New applicant' }, 'submitted'],
      [{ id: 'offer', text: 'Offer' }, 'offer'],
      [{ id: 'c1', text: 'Recruiter screen', pipeline: 'screen' }, 'in_review'],
      [{ id: 'c2', text: 'Onsite', pipeline: 'onsite' }, 'interviewing'],
      [{ id: 'c3', text: 'Phone interview' }, 'interviewing'],
      [{ id: 'c4', text: 'Reference check' }, 'offer'],
      [{ id: 'c5', text: 'Hiring manager review' }, 'in_review'],
    ];
    for (const [stage, status] of cases) assert.equal(defaultStatusForStage(stage), status, stage.text);
  });

  it('archived → Not selected unless the reason is a hired one; unmapped stage → In review', () => {
    const rules = {
      stageStatus: new Map([['s1', 'interviewing' as const]]),
      hiredReasonIds: new Set(['hired-1']),
    };
    assert.equal(statusForOpportunity({ stageId: 's1', archived: null }, rules), 'interviewing');
    assert.equal(statusForOpportunity({ stageId: 'zz', archived: null }, rules), 'in_review');
    assert.equal(
      statusForOpportunity({ stageId: 's1', archived: { reason: 'hired-1', archivedAt: 1 } }, rules),
      'hired',
    );
    assert.equal(
      statusForOpportunity({ stageId: 's1', archived: { reason: 'other', archivedAt: 1 } }, rules),
      'not_selected',
    );
  });
});
