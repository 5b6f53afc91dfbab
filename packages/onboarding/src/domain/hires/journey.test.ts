import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, isIsoDate, phaseFor, planJourney } from './journey.ts';

describe('journey planning', () => {
  it('adds days across months and years in UTC', () => {
    assert.equal(addDays('2025-01-30', 3), '2025-02-02');
    assert.equal(addDays('2025-01-01', -1), '2024-12-31');
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  });

  it('validates ISO dates', () => {
    assert.ok(isIsoDate('2025-06-30'));
    assert.ok(!isIsoDate('2025-02-30'));
    assert.ok(!isIsoDate('30/06/2025'));
  });

  it('phases by offset', () => {
    assert.deepEqual([-3, 0, 2].map(phaseFor), ['before_day_1', 'day_1', 'week_1']);
  });

  it('keeps templates for every office/team plus the hire’s own, with due dates from the start date', () => {
    const t = (title: string, offsetDays: number, officeId: string | null, teamId: string | null) => ({
      title,
      phase: phaseFor(offsetDays),
      owner: 'people_ops' as const,
      offsetDays,
      officeId,
      teamId,
    });
    const plan = planJourney(
      [
        t('All', 0, null, null),
        t('SF only', -2, 'sf', null),
        t('NY only', -2, 'ny', null),
        t('Eng', 3, null, 'eng'),
      ],
      { startDate: '2025-03-03', officeId: 'sf', teamId: 'eng' },
    );
    assert.deepEqual(
      plan.map((p) => [p.title, p.dueDate, p.position]),
      [
        ['SF only', '2025-03-01', 0],
        ['All', '2025-03-03', 1],
        ['Eng', '2025-03-06', 2],
      ],
    );
  });
});
