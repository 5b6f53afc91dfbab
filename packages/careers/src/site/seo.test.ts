import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { employmentType, jsonForScript, sitemapXml } from './seo.ts';

describe('SEO pieces', () => {
  it('JSON for a script data block cannot close the element', () => {
    const out = jsonForScript({ d: '</script><script>alert(1)</script> & \u2028' });
    assert.ok(!out.includes('<') && !out.includes('>') && !out.includes('&'));
    assert.deepEqual(JSON.parse(out), { d: '</script><script>alert(1)</script> & \u2028' });
  });
  it('maps commitments to schema.org employment types', () => {
    assert.equal(employmentType('Full-time'), 'FULL_TIME');
    assert.equal(employmentType('Apprenticeship'), 'OTHER');
    assert.equal(employmentType(null), undefined);
  });
  it('writes an escaped sitemap', () => {
    assert.equal(
      sitemapXml([{ loc: 'https://x.test/careers/a?b=1&c=2', lastmod: new Date(0) }]),
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <url><loc>https://x.test/careers/a?b=1&amp;c=2</loc><lastmod>1970-01-01T00:00:00.000Z</lastmod></url>\n</urlset>\n',
    );
  });
});
