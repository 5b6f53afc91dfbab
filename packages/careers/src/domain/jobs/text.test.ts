import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlToText, listItems } from './text.ts';

describe('ATS HTML to text', () => {
  it('keeps line structure, decodes entities and drops every tag', () => {
    assert.equal(
      htmlToText('<div>Hello &amp; welcome</div><div><b>Bold</b><script>x</script></div>'),
      'Hello & welcome\nBoldx',
    );
    assert.equal(htmlToText('a&lt;img src=x onerror=1&gt;'), 'a<img src=x onerror=1>');
  });
  it('splits <li> lists', () => {
    assert.deepEqual(listItems('<li>One</li><li>Two &amp; three</li>'), ['One', 'Two & three']);
    assert.deepEqual(listItems('plain'), ['plain']);
  });
});
