import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hiddenBy, parseHiddenRules } from './hidden-rules.ts';

describe('hidden-jobs rules', () => {
  const job = {
    title: 'Summer Intern',
    team: 'Sales',
    department: null,
    location: 'Berlin',
    tags: ['Evergreen'],
  };

  it('parses one rule a line and names a bad line', () => {
    assert.deepEqual(parseHiddenRules('team equals Sales\n\ntitle contains "intern"'), {
      rules: [
        { field: 'team', op: 'equals', value: 'Sales' },
        { field: 'title', op: 'contains', value: 'intern' },
      ],
    });
    assert.match(parseHiddenRules('salary above 5').error ?? '', /rule 1 \("salary above 5"\)/);
  });

  it('hides on tag, team, department, location or title, case-insensitively', () => {
    assert.equal(
      hiddenBy(job, [{ field: 'tag', op: 'equals', value: 'evergreen' }]),
      'tag equals "evergreen"',
    );
    assert.equal(
      hiddenBy(job, [{ field: 'title', op: 'contains', value: 'INTERN' }]),
      'title contains "INTERN"',
    );
    assert.equal(hiddenBy(job, [{ field: 'department', op: 'equals', value: 'Sales' }]), undefined);
    assert.equal(hiddenBy(job, [{ field: 'location', op: 'equals', value: 'Berl' }]), undefined);
  });
});
