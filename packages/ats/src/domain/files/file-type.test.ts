import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeType, detectFileType, extensionOf } from './file-type.ts';
import { cleanFileName } from './file.service.ts';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('detectFileType', () => {
  it('recognises signed formats by their bytes, whatever the name says', () => {
    assert.equal(detectFileType('cv.pdf', bytes('%PDF-1.7\n...'))?.ext, 'pdf');
    assert.equal(detectFileType('cv.doc', bytes('%PDF-1.4'))?.contentType, 'application/pdf');
    assert.equal(detectFileType('me.png', bytes([0x89], 'PNG\r\n', [0x1a, 0x0a, 0]))?.ext, 'png');
    assert.equal(detectFileType('me.jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]))?.ext, 'jpg');
    assert.equal(detectFileType('a.gif', bytes('GIF89a...'))?.ext, 'gif');
    assert.equal(detectFileType('a.rtf', bytes('{\\rtf1\\ansi'))?.ext, 'rtf');
    assert.equal(
      detectFileType('a.doc', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))?.ext,
      'doc',
    );
  });

  it('needs the name to pick a ZIP-based document, and checks the OpenDocument mimetype entry', () => {
    const zip = bytes(
      [0x50, 0x4b, 0x03, 0x04],
      'x'.repeat(26),
      'mimetypeapplication/vnd.oasis.opendocument.text',
    );
    assert.equal(detectFileType('cv.docx', zip)?.ext, 'docx');
    assert.equal(detectFileType('cv.odt', zip)?.ext, 'odt');
    assert.equal(detectFileType('cv.odt', bytes([0x50, 0x4b, 0x03, 0x04], 'x'.repeat(80))), undefined);
    assert.equal(detectFileType('archive.zip', zip), undefined);
    assert.equal(detectFileType('x.xlsx', zip), undefined);
  });

  it('accepts UTF-8 text only as .txt (or no extension) and refuses active or binary content', () => {
    assert.equal(detectFileType('notes.txt', Buffer.from('Hello — wörld\r\n', 'utf8'))?.ext, 'txt');
    assert.equal(detectFileType('README', bytes('plain'))?.ext, 'txt');
    assert.equal(detectFileType('page.html', bytes('<html><script>alert(1)</script>')), undefined);
    assert.equal(detectFileType('img.svg', bytes('<svg onload="x()"/>')), undefined);
    assert.equal(detectFileType('cv.pdf', bytes('not really a pdf')), undefined);
    assert.equal(detectFileType('bin.txt', bytes('abc', [0], 'def')), undefined);
    assert.equal(detectFileType('bad.txt', bytes([0xc3, 0x28])), undefined);
    assert.equal(detectFileType('run.exe', bytes('MZ', [0x90, 0])), undefined);
    assert.equal(detectFileType('empty.txt', bytes()), undefined);
  });

  it('names refused types and cleans names', () => {
    assert.equal(extensionOf('a/b/Report.PDF'), 'pdf');
    assert.equal(extensionOf('.bashrc'), '');
    assert.equal(describeType('x.exe', 'application/x-msdownload'), '.exe');
    assert.equal(describeType('blob', 'application/octet-stream; x=y'), 'application/octet-stream');
    assert.equal(cleanFileName('C:\\fakepath\\c\u0000v\u202e.pdf'), 'cv.pdf');
    const long = cleanFileName(`${'a'.repeat(400)}.pdf`);
    assert.equal(long.length, 255);
    assert.ok(long.endsWith('.pdf'));
  });
});
